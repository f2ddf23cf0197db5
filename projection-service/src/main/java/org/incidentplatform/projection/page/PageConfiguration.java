package org.incidentplatform.projection.page;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The page's own settings; the rest it shares with the Statuspage API (see {@link StatusPageController}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SubscriptionProperties.class)
class PageConfiguration {}
