package org.incidentplatform.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The subscribers' endpoints: one HTTP server on loopback answering 204 to every POST at once, and
 * noting when each arrived and which incident sequence it carried.
 */
final class WebhookSink implements AutoCloseable {

    /** When a delivery arrived, and which incident and event sequence it carried. */
    record Arrival(long nanos, String incident, long sequence) {}

    private final HttpServer server;
    private final ExecutorService threads;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private volatile String sample;

    WebhookSink(int threads) throws IOException {
        this.threads = Executors.newFixedThreadPool(threads);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                // One incident webhook per delivery is counted; a component_update webhook (Atlassian's split:
                // one per changed component) is answered, not counted.
                if (!body.contains("\"component_update\":{")) {
                    arrivals.add(new Arrival(System.nanoTime(), incident(body), sequence(body)));
                    sample = body;
                }
                exchange.sendResponseHeaders(204, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(this.threads);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    long count(long sequence) {
        return arrivals.stream().filter(a -> a.sequence() == sequence).count();
    }

    java.util.List<Arrival> arrivals(long sequence) {
        return arrivals.stream().filter(a -> a.sequence() == sequence).toList();
    }

    java.util.List<Arrival> arrivals() {
        return java.util.List.copyOf(arrivals);
    }

    /** The last body received: the ceiling sends bodies of the same size. */
    String sample() {
        return sample;
    }

    void clear() {
        arrivals.clear();
    }

    /** The first {@code "incident_id":"..."} of the body (its update's); "" without one. */
    static String incident(String body) {
        String field = "\"incident_id\":\"";
        int at = body.indexOf(field);
        if (at < 0) {
            return "";
        }
        int start = at + field.length();
        int end = body.indexOf('"', start);
        return end < 0 ? "" : body.substring(start, end);
    }

    /** {@code "sequence":N} from the body's meta; -1 for bodies without it (the ceiling's). */
    static long sequence(String body) {
        int at = body.indexOf("\"sequence\":");
        if (at < 0) {
            return -1;
        }
        int start = at + "\"sequence\":".length();
        int end = start;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(start, end));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
