package org.incidentplatform.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP server on 127.0.0.1 standing in for subscribers' endpoints: it records every request
 * and answers each hook as told (status per request number, optional delay).
 */
public final class WebhookSink implements AutoCloseable {

    public record Received(String path, Map<String, String> headers, String body, Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, IntUnaryOperator> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;

    public WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                Map<String, String> headers = new ConcurrentHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
                received.add(new Received(path, headers, body, Instant.now()));
                int n = counts.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                int status = statuses.getOrDefault(path, request -> 200).applyAsInt(n);
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** A new hook URL, answering 200 unless told otherwise. */
    public String hook() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + UUID.randomUUID();
    }

    /** @param status the status for the n-th request (1-based) to this hook */
    public void answer(String hook, IntUnaryOperator status) {
        statuses.put(java.net.URI.create(hook).getPath(), status);
    }

    public void delayEachResponse(Duration delay) {
        this.delay = delay;
    }

    public List<Received> receivedAt(String hook) {
        String path = java.net.URI.create(hook).getPath();
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The incident webhooks among them, leaving out component_update webhooks: one per notice. */
    public List<Received> incidentsAt(String hook) {
        return receivedAt(hook).stream()
                .filter(r -> NotificationInstance.JSON.readTree(r.body()).has("incident"))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
