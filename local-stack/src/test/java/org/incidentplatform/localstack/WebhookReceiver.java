package org.incidentplatform.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Webhook subscribers' endpoint for the fault suite: an HTTP server on 127.0.0.1 that answers 204 to
 * every POST and keeps, for each, the {@code webhook-id}, the path (one per subscriber) and when it came.
 */
final class WebhookReceiver implements AutoCloseable {

    record Arrival(String webhookId, String path, String body, long nanos) {}

    /** notification-service's delivery id namespace (DeliveryIds): the webhook-id every instance gives one delivery. */
    private static final UUID DELIVERY_NAMESPACE = UUID.fromString("3d0f0e34-8f4a-4e0b-9a57-6c1b6b1f2a90");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

    WebhookReceiver(int threads) throws IOException {
        this(threads, java.time.Duration.ZERO);
    }

    /** @param latency how long each answer takes after the request has been read (and noted) */
    WebhookReceiver(int threads, java.time.Duration latency) throws IOException {
        this.threads = Executors.newFixedThreadPool(threads);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!isComponentUpdate(body)) {
                    arrivals.add(new Arrival(
                            exchange.getRequestHeaders().getFirst("webhook-id"),
                            exchange.getRequestURI().getPath(),
                            body,
                            System.nanoTime()));
                }
                if (!latency.isZero()) {
                    Thread.sleep(latency.toMillis());
                }
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(this.threads);
        server.start();
    }

    /**
     * A component's own webhook, which follows the incident webhook of an event that changed its status:
     * answered, not kept, so that what is counted is one webhook per delivery, under the delivery's id.
     */
    static boolean isComponentUpdate(String body) {
        try {
            return JSON.readTree(body).has("component_update");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    int count() {
        return arrivals.size();
    }

    /** Raw POSTs per webhook-id: a receiver that dedupes by webhook-id sees each key once. */
    Map<String, Long> countsById() {
        return arrivals.stream().collect(Collectors.groupingBy(Arrival::webhookId, Collectors.counting()));
    }

    Map<String, Arrival> firstById() {
        return arrivals.stream().collect(Collectors.toMap(Arrival::webhookId, Function.identity(), (a, b) -> a));
    }

    /**
     * The webhook-id notification-service gives the delivery of one incident event to one subscription:
     * a name-based UUID (version 5) of both, as its DeliveryIds computes it. Restated here so the test
     * checks the ids against the log, not against the service's own code.
     */
    static String expectedWebhookId(String eventId, String subscriptionId) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16)
                    .putLong(DELIVERY_NAMESPACE.getMostSignificantBits())
                    .putLong(DELIVERY_NAMESPACE.getLeastSignificantBits())
                    .array());
            sha1.update((eventId + '\n' + subscriptionId).getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha1.digest();
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
