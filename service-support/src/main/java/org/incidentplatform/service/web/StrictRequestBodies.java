package org.incidentplatform.service.web;

import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;

/**
 * Request bodies of a service's API are read strictly: a misspelt optional field ({@code occuredAt},
 * {@code minimpact}) would otherwise be dropped in silence and the request take a default the caller did not
 * mean. Only the {@link JsonRequest} records are affected; the application's JSON settings stay as they are.
 * Each service declares it as a bean of its web configuration, so web slices have it too.
 */
public final class StrictRequestBodies implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.configureMessageConverters(converter -> {
            if (converter instanceof JacksonJsonHttpMessageConverter json) {
                var strict = json.getMapper()
                        .rebuild()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build();
                json.registerMappersForType(
                        JsonRequest.class, mappers -> mappers.put(MediaType.APPLICATION_JSON, strict));
            }
        });
    }
}
