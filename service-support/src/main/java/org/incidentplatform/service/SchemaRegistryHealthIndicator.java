package org.incidentplatform.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * UP when the schema registry answers {@code GET /config} (its global compatibility level) with
 * 200 within a few seconds: the cheapest request every Confluent-compatible registry serves.
 */
final class SchemaRegistryHealthIndicator extends AbstractHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final URI registry;
    private final Status unreachable;
    private final HttpClient http;

    SchemaRegistryHealthIndicator(URI registry, Status unreachable) {
        super("Schema registry is not reachable");
        this.registry = registry;
        this.unreachable = unreachable;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String base = registry.toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/config"))
                .timeout(TIMEOUT)
                .header("Accept", "application/vnd.schemaregistry.v1+json")
                .GET()
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            builder.status(unreachable).withDetail("url", base).withException(e);
            return;
        }
        (status == 200 ? builder.up() : builder.status(unreachable))
                .withDetail("url", base)
                .withDetail("httpStatus", status);
    }
}
