package org.incidentplatform.notification.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}, as incident-service serves its own. The summary of each
 * operation is said here, once, by method and path, rather than as annotations spread over the controllers.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String BEARER = "bearer";

    static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry(
                    "POST /api/v1/subscriptions",
                    "Subscribe: email for anyone (double opt-in), webhook and Slack"
                            + " for admins; a webhook's signing secret is in this answer only"),
            Map.entry("GET /api/v1/subscriptions", "List every subscription (admin)"),
            Map.entry("GET /api/v1/subscriptions/{id}", "Show one subscription (admin)"),
            Map.entry("DELETE /api/v1/subscriptions/{id}", "Unsubscribe a subscription (admin)"),
            Map.entry("POST /api/v1/subscriptions/{id}/enable", "Re-enable a quarantined subscription (admin)"),
            Map.entry(
                    "GET /api/v1/subscriptions/{id}/confirm",
                    "The confirm link of the opt-in mail: a page with"
                            + " a button, so that mail scanners following links confirm nothing"),
            Map.entry("POST /api/v1/subscriptions/{id}/confirm", "Confirm an email subscription (the page's button)"),
            Map.entry(
                    "GET /api/v1/subscriptions/{id}/unsubscribe",
                    "Unsubscribe by the signed link in every mail and" + " webhook"),
            Map.entry(
                    "POST /api/v1/subscriptions/{id}/unsubscribe",
                    "One-click unsubscribe (RFC 8058) by the signed" + " link"),
            Map.entry(
                    "GET /api/v1/deliveries",
                    "The delivery log: each delivery with its attempts and outcome,"
                            + " by incident, subscription or status (admin)"));

    @Bean
    OpenAPI notificationServiceApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("notification-service")
                        .version("v1")
                        .description(
                                "Subscriptions to incident notifications by email, webhook (Statuspage-shaped, Standard"
                                        + " Webhooks signatures) and Slack, and the log of their deliveries. Errors are"
                                        + " RFC 9457 problem details."))
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
    OpenApiCustomizer summaries() {
        return api -> api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> operation.setSummary(
                                SUMMARIES.get(method.name().toUpperCase(Locale.ROOT) + " " + path))));
    }
}
