package org.incidentplatform.projection.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * notification-service's public {@code POST /api/v1/subscriptions} as a browser meets it, for the page's
 * browser tests: CORS for the one allowed origin (preflight and answer, as notification-service's
 * {@code WebConfiguration} sets it up; its SubscriptionApiTests check the real one), 202 with the pending
 * subscription for an address, 422 naming {@code target} for addresses at {@code refused.test}.
 */
final class SubscriptionStub implements AutoCloseable {

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger preflights = new AtomicInteger();
    private volatile String allowedOrigin = "";

    private SubscriptionStub(HttpServer server) {
        this.server = server;
    }

    static SubscriptionStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SubscriptionStub stub = new SubscriptionStub(server);
            server.createContext("/api/v1/subscriptions", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void allowOrigin(String origin) {
        allowedOrigin = origin;
    }

    /** Bodies of the subscription requests, in order. */
    List<String> received() {
        return List.copyOf(received);
    }

    int preflights() {
        return preflights.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            boolean allowed = allowedOrigin.equals(origin);
            if (allowed) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().add("Vary", "Origin");
            }
            if ("OPTIONS".equals(exchange.getRequestMethod())) {
                preflights.incrementAndGet();
                if (allowed) {
                    exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
                    exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Accept");
                }
                exchange.sendResponseHeaders(allowed ? 200 : 403, -1);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(body);
            if (body.contains("@refused.test")) {
                answer(
                        exchange,
                        422,
                        "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Unprocessable"
                                + " Content\",\"status\":422,\"detail\":\"target must be an email address\",\"field\":\"target\"}");
                return;
            }
            answer(
                    exchange,
                    202,
                    "application/json",
                    "{\"id\":\"sub_1\",\"channel\":\"email\",\"status\":\"pending\","
                            + "\"detail\":\"check your inbox: the subscription starts once its confirmation link is followed\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
