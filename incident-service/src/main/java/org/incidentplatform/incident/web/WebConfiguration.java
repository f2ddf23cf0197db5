package org.incidentplatform.incident.web;

import tools.jackson.databind.DeserializationFeature;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpLimits.class)
class WebConfiguration {

    @Bean
    BodySizeLimit bodySizeLimit(HttpLimits limits,
                                @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        return new BodySizeLimit(limits.maxBodyBytes().toBytes(), problems);
    }

    /**
     * Request bodies of this API are read strictly: a misspelt optional field ({@code occuredAt}) would
     * otherwise be dropped in silence and the command take a default the caller did not mean. Only the
     * request records are affected; the application's JSON settings stay as they are.
     */
    @Bean
    WebMvcConfigurer strictRequestBodies() {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
                converters.configureMessageConverters(converter -> {
                    if (converter instanceof JacksonJsonHttpMessageConverter json) {
                        var strict = json.getMapper().rebuild()
                                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                                .build();
                        json.registerMappersForType(JsonRequest.class,
                                mappers -> mappers.put(MediaType.APPLICATION_JSON, strict));
                    }
                });
            }
        };
    }
}
