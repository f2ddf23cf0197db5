package org.incidentplatform.incident.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}. The responses and headers every endpoint shares
 * are added here from the HTTP method, once, instead of repeated as annotations on each handler.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String BEARER = "bearer";
    private static final String PROBLEM = "application/problem+json";

    private static final Map<String, String> WRITE_PROBLEMS = new TreeMap<>(Map.ofEntries(
            Map.entry("400", "Malformed JSON, Idempotency-Key or If-Match"),
            Map.entry("401", "No valid bearer token"),
            Map.entry("403", "The token's role does not allow this request"),
            Map.entry("404", "No such incident, maintenance, component or group"),
            Map.entry("409", "Not allowed in the stream's current state, e.g. resolving twice"),
            Map.entry("412", "If-Match names a version the stream has moved past"),
            Map.entry("413", "The body is over incident-service.max-body-bytes"),
            Map.entry("415", "The body is not application/json"),
            Map.entry(
                    "422",
                    "A field is missing or invalid (named in `field`), or the Idempotency-Key was used"
                            + " for a different request"),
            Map.entry(
                    "503",
                    "The event store did not confirm in time; retry after Retry-After with the same"
                            + " Idempotency-Key")));
    private static final Map<String, String> READ_PROBLEMS = new TreeMap<>(Map.of(
            "401", "No valid bearer token",
            "403", "The token's role does not allow this request",
            "404", "No such stream"));

    @Bean
    OpenAPI incidentServiceApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("incident-service")
                        .version("v1")
                        .description(
                                "Writes to the incident platform: the component catalogue, incidents, postmortems and"
                                        + " scheduled maintenance. Times are ISO-8601 with an offset on input, UTC on"
                                        + " output. Errors are RFC 9457 problem details."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        BEARER,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .description(
                                                        "A token from platform.security.tokens, or a JWT from the identity provider")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer sharedResponsesAndHeaders() {
        return api -> api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (method == PathItem.HttpMethod.GET) {
                        problems(operation, READ_PROBLEMS);
                        return;
                    }
                    if (method == PathItem.HttpMethod.POST) {
                        ApiResponses responses = operation.getResponses();
                        ApiResponse ok = responses.remove("200");
                        if (ok != null) {
                            responses.addApiResponse(
                                    "201", ok.description("Recorded: the stream's new version, also as ETag"));
                        }
                        operation.addParametersItem(new HeaderParameter()
                                .name(CommandExchange.IDEMPOTENCY_KEY)
                                .description("A retry with the same key and body returns the first answer and records"
                                        + " nothing; on a create, it also fixes the id assigned")
                                .schema(new StringSchema().maxLength(255)));
                    }
                    operation.addParametersItem(new HeaderParameter()
                            .name("If-Match")
                            .description("The version (ETag) the write expects the stream to be at, e.g. \"3\"")
                            .schema(new StringSchema()));
                    problems(operation, WRITE_PROBLEMS);
                }));
    }

    private static void problems(Operation operation, Map<String, String> problems) {
        problems.forEach((status, description) -> operation
                .getResponses()
                .addApiResponse(
                        status,
                        new ApiResponse()
                                .description(description)
                                .content(new Content()
                                        .addMediaType(PROBLEM, new MediaType().schema(new ObjectSchema())))));
    }
}
