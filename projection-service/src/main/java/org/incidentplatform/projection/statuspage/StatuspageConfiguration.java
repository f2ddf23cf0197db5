package org.incidentplatform.projection.statuspage;

import org.incidentplatform.projection.live.LiveStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the Statuspage API. A {@link WebMvcConfigurer}, so web slices pick it up with the controller.
 * {@link ReadYourWrites} is a bean for the HTML pages to register on their own paths too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StatusPageProperties.class, PublicReadProperties.class})
class StatuspageConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<ReadYourWrites> readYourWrites;

    StatuspageConfiguration(ObjectProvider<ReadYourWrites> readYourWrites) {
        this.readYourWrites = readYourWrites;
    }

    @Bean
    ReadYourWrites readYourWrites(LiveStatus live, PublicReadProperties reads) {
        return new ReadYourWrites(live, reads.readYourWritesTimeout(), reads.readYourWritesMaxWaiters());
    }

    @Bean
    RenderedDocuments statuspageDocuments(StatusPageProperties page) {
        return new RenderedDocuments(new StatuspageDocuments(page));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(readYourWrites.getObject()).addPathPatterns("/api/v2/**");
    }
}
