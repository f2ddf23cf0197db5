package org.incidentplatform.projection.statuspage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.incidentplatform.projection.live.LiveStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the Statuspage API. A {@link WebMvcConfigurer}, so web slices pick it up with the controller.
 * {@link ReadYourWrites} is a bean for the HTML pages to register on their own paths too; {@link PreparedReads}
 * serves every {@link PreparedRead} bean, the status page's among them.
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

    /** Removed, with its folder, when the service stops. */
    @Bean
    PreparedFiles preparedFiles() {
        return PreparedFiles.inTemporaryFolder();
    }

    /** First of all filters, so that a prepared read costs nothing else. */
    @Bean
    FilterRegistrationBean<PreparedReads> preparedReads(
            List<PreparedRead> reads, PreparedFiles files, ObjectProvider<MeterRegistry> meters) {
        FilterRegistrationBean<PreparedReads> registration = new FilterRegistrationBean<>(
                new PreparedReads(reads, files, meters.getIfAvailable(SimpleMeterRegistry::new)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        StatuspageEndpoint.byPath()
                .keySet()
                .forEach(path -> registry.addMapping(path).combine(StatuspageController.CORS));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(readYourWrites.getObject()).addPathPatterns("/api/v2/**");
    }
}
