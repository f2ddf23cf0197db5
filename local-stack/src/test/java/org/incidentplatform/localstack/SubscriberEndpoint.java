package org.incidentplatform.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber's webhook endpoint on its own loopback port (so, as a separate subscriber host
 * would be, its own dispatch lane), behaving as told: answering at once, after a delay, with an
 * error, or never. Every request is recorded with its arrival time, also those it never answers.
 */
final class SubscriberEndpoint implements AutoCloseable {

    enum Behaviour {
        HEALTHY,
        SLOW,
        ERROR_500,
        HANGING
    }

    record Request(Instant at, String webhookId, String body) {

        JsonNode json() {
            try {
                return StackHttp.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final String name;

    private SubscriberEndpoint(String name, Behaviour behaviour, long slowMillis) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                // Component webhooks are answered alike but not kept: one request per delivery is counted.
                if (!WebhookReceiver.isComponentUpdate(body)) {
                    requests.add(new Request(
                            Instant.now(), exchange.getRequestHeaders().getFirst("webhook-id"), body));
                }
                switch (behaviour) {
                    case HEALTHY -> exchange.sendResponseHeaders(204, -1);
                    case SLOW -> {
                        closing.await(slowMillis, TimeUnit.MILLISECONDS);
                        exchange.sendResponseHeaders(204, -1);
                    }
                    case ERROR_500 -> exchange.sendResponseHeaders(500, -1);
                    case HANGING -> closing.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        // A thread per request: a hanging request must not hold up the next one to the same endpoint.
        server.setExecutor(threads);
        server.start();
    }

    static SubscriberEndpoint start(String name, Behaviour behaviour) throws IOException {
        return new SubscriberEndpoint(name, behaviour, 0);
    }

    static SubscriberEndpoint slow(String name, long millis) throws IOException {
        return new SubscriberEndpoint(name, Behaviour.SLOW, millis);
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
