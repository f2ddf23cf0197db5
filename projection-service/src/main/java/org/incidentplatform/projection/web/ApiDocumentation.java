package org.incidentplatform.projection.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}, of the JSON and CSV APIs under {@code /api}
 * ({@code springdoc.paths-to-match}); the HTML pages and feeds are for people and readers, not described
 * here. Each operation's summary sits on its handler; what every read shares (read-your-writes, the
 * problems it may answer) is added here once.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String PROBLEM = "application/problem+json";

    /** What every read may answer: the Statuspage documents take no parameters and name no id. */
    private static final Map<String, String> READ_PROBLEMS = new TreeMap<>(Map.of(
            "400", "A malformed X-Await-Version (named in `header`)",
            "503", "The projection is still replaying the log; ask again after Retry-After"));
    /** What the analytics reads may answer besides. */
    private static final Map<String, String> ANALYTICS_PROBLEMS = new TreeMap<>(Map.of(
            "400", "A malformed query parameter (named in `parameter`) or X-Await-Version (named in `header`)",
            "404", "No such incident, component or group",
            "422", "Query parameters that read fine but make no sense together, e.g. from after to"));

    @Bean
    OpenAPI projectionServiceApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("projection-service")
                        .version("v1")
                        .description(
                                "Reads of the incident platform, all public: Atlassian Statuspage's v2 API (same shapes and"
                                        + " field names), and analytics: an incident's durations, MTTx and uptime. Times are UTC."
                                        + " Errors are RFC 9457 problem details."));
    }

    @Bean
    OpenApiCustomizer readYourWritesAndProblems() {
        return api -> api.getPaths()
                .forEach((path, item) -> item.readOperations().forEach(operation -> {
                    operation.addParametersItem(new HeaderParameter()
                            .name("X-Await-Version")
                            .description(
                                    "stream=version[,stream=version…]: wait (bounded) until the projection has applied"
                                            + " these versions; X-Awaited-Version says reached or timeout")
                            .schema(new StringSchema()));
                    problems(operation, READ_PROBLEMS);
                    if (path.startsWith("/api/v1/")) {
                        problems(operation, ANALYTICS_PROBLEMS);
                    }
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
