package org.incidentplatform.local.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), running
 * inside this JVM and bound to 127.0.0.1 only. The data directory is kept: it is formatted only
 * when empty, so a restart reads back what was written before.
 *
 * <p>The broker's threads are not daemon threads: a JVM that forgets to close it never exits.
 * {@link #start} therefore shuts a half-started broker down itself, and registers a shutdown hook
 * for the started one; {@link #close} is idempotent.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalKafkaBroker(KafkaRaftServer server, int port, int controllerPort, Path logDir) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.shutdownHook = new Thread(this::stopServer, "local-kafka-shutdown");
    }

    /**
     * Starts a broker whose data lives under {@code dataDir}, on the given loopback ports
     * (0 picks a free one).
     */
    public static LocalKafkaBroker start(Path dataDir, int brokerPort, int controllerPort) {
        int port = brokerPort == 0 ? freePort() : brokerPort;
        int controller = controllerPort == 0 ? freePort() : controllerPort;
        Path logDir = dataDir.toAbsolutePath().resolve("kafka");
        formatIfEmpty(logDir);
        KafkaConfig config = new KafkaConfig(brokerProperties(logDir, port, controller), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        LocalKafkaBroker broker = new LocalKafkaBroker(server, port, controller, logDir);
        String bootstrap = broker.bootstrapServers();
        Instant begin = Instant.now();
        try {
            server.startup();
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.stopServer();
            throw new IllegalStateException(
                    "Kafka broker failed to start on " + bootstrap + " with data in " + logDir + ": " + e.getMessage(),
                    e);
        }
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        log.info(
                "Kafka broker (KRaft) ready on {} in {} ms, data in {}",
                bootstrap,
                Duration.between(begin, Instant.now()).toMillis(),
                logDir);
        return broker;
    }

    public String bootstrapServers() {
        return LOOPBACK + ":" + port;
    }

    /** The client port, as resolved at start: a restart on the same data passes it back to {@link #start}. */
    public int port() {
        return port;
    }

    /** The controller (KRaft quorum) port, as resolved at start. */
    public int controllerPort() {
        return controllerPort;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; stopping twice is harmless.
        }
        stopServer();
    }

    private void stopServer() {
        try {
            server.shutdown();
            server.awaitShutdown();
            log.info("Kafka broker on {} stopped", bootstrapServers());
        } catch (RuntimeException e) {
            log.warn("Kafka broker on {} did not stop cleanly: {}", bootstrapServers(), e.toString());
        }
    }

    private void awaitReady() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    // A broker answers describeCluster only once it has registered with the controller.
                    if (!admin.describeCluster()
                            .nodes()
                            .get(10, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException(
                                "broker not ready after " + READY_TIMEOUT.toSeconds() + " s", notYet);
                    }
                }
                sleep(100);
            }
        }
    }

    private static Properties brokerProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + port + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.message.timestamp.type", "CreateTime");
        // A transaction's first write waits until the previous transaction of the same producer is complete;
        // the broker retries it after this backoff. Its default (20 ms) made every transaction of the command
        // processor take ~22 ms instead of ~12 ms (BENCHMARKS.md, History).
        p.put("add.partitions.to.txn.retry.backoff.ms", "1");
        return p;
    }

    private static void formatIfEmpty(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName("CONTROLLER")
                    .run();
            log.info("Formatted new KRaft log directory {}", logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** A free loopback port that this JVM has not handed out before: see {@link LoopbackPorts}. */
    public static int freePort() {
        return LoopbackPorts.next();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }
}
