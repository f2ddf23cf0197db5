package org.incidentplatform.service.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's route table: which role (or none) each of its endpoints needs, declared once. The platform
 * adds the public health endpoints before it and, after it, denies whatever would reach a handler the table
 * does not name (see {@link UnmappedRoutes}).
 */
@FunctionalInterface
public interface ServiceRoutes {

    void declare(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes);
}
