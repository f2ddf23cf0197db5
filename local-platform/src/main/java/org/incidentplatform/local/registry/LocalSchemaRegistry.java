package org.incidentplatform.local.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.incidentplatform.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry for the embedded default that speaks Confluent Schema Registry's REST API
 * and keeps its state in the {@code _schemas} topic in Confluent's own record format, so the
 * platform's serializers, Confluent's tools, and later a real Confluent registry all work
 * against it. Listens on 127.0.0.1 only.
 *
 * <p>{@link #start} returns once the whole topic has been read back, so the first request
 * already sees everything registered before a restart.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSchemaRegistry.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final int REQUEST_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final SchemaLog schemaLog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalSchemaRegistry(HttpServer server, ExecutorService requestThreads, SchemaLog schemaLog) {
        this.server = server;
        this.requestThreads = requestThreads;
        this.schemaLog = schemaLog;
    }

    /** Starts a registry on the given loopback port (0 picks a free one), stored in Kafka at {@code bootstrapServers}. */
    public static LocalSchemaRegistry start(String bootstrapServers, int port) {
        return start(bootstrapServers, port, WRITE_TIMEOUT);
    }

    /** @param writeTimeout how long one call to Kafka may take before the request fails with a 500 */
    static LocalSchemaRegistry start(String bootstrapServers, int port, Duration writeTimeout) {
        RegistryState state = new RegistryState();
        SchemaLog schemaLog = SchemaLog.open(bootstrapServers, writeTimeout, state::apply);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 0);
        } catch (IOException e) {
            schemaLog.close();
            throw new UncheckedIOException("schema registry cannot listen on " + LOOPBACK + ":" + port, e);
        }
        ExecutorService requestThreads = Executors.newFixedThreadPool(REQUEST_THREADS, daemonThreads());
        server.createContext("/", new RegistryApi(new SchemaCatalog(state, schemaLog)));
        server.setExecutor(requestThreads);
        server.start();
        LocalSchemaRegistry registry = new LocalSchemaRegistry(server, requestThreads, schemaLog);
        log.info(
                "Schema registry ready on {} with {} schemas read from {} on {}",
                registry.url(),
                state.schemaCount(),
                Topics.SCHEMAS.name(),
                bootstrapServers);
        return registry;
    }

    /** The port it listens on, as resolved at start. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return "http://" + LOOPBACK + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        String url = url();
        server.stop(0);
        requestThreads.shutdown();
        try {
            if (!requestThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                requestThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            requestThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        schemaLog.close();
        log.info("Schema registry on {} stopped", url);
    }

    /** Daemon threads: a registry someone forgot to close must not keep the JVM alive. */
    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "local-schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
