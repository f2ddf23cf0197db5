package org.incidentplatform.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.incidentplatform.local.LocalPlatform;
import org.incidentplatform.local.ServiceProcess;
import org.incidentplatform.local.kafka.LocalKafkaBroker;

/** What is measured: incident-service's URL, its tokens and, when known, its Kafka broker. */
interface Deployment extends AutoCloseable {

    URI serviceUrl();

    AccessTokens tokens();

    Optional<String> bootstrapServers();

    /** One line for the report. */
    String description();

    /** The processes of this machine that belong to the benchmark: this JVM and any it started. */
    List<ProcessHandle> benchmarkProcesses();

    @Override
    void close();

    static Deployment of(BenchSettings settings, Path dataDir, PrintStream out) {
        if (settings.target().isPresent()) {
            return new Running(settings.target().get(), AccessTokens.single(settings.token().orElseThrow()),
                    settings.bootstrap());
        }
        return Started.start(settings, dataDir, out);
    }

    /** A deployment somebody else runs. */
    record Running(URI serviceUrl, AccessTokens tokens, Optional<String> bootstrapServers) implements Deployment {

        @Override
        public String description() {
            return "a running deployment: incident-service at " + serviceUrl
                    + bootstrapServers.map(b -> ", Kafka at " + b).orElse(", Kafka not given (no ceilings)");
        }

        @Override
        public List<ProcessHandle> benchmarkProcesses() {
            return List.of(ProcessHandle.current());
        }

        @Override
        public void close() {
        }
    }

    /**
     * A fresh broker and schema registry in this JVM (local-platform, as the local stack runs
     * them), and incident-service from its jar as a child JVM, all on loopback, in a new data
     * directory under {@code bench/target}.
     */
    final class Started implements Deployment {

        static final Duration START_TIMEOUT = Duration.ofSeconds(180);

        private final LocalPlatform platform;
        private final ServiceProcess service;
        private final AccessTokens tokens;
        private final Path dataDir;
        private final boolean keepData;
        private final String jvmOptions;

        private Started(LocalPlatform platform, ServiceProcess service, AccessTokens tokens, Path dataDir,
                        boolean keepData, String jvmOptions) {
            this.platform = platform;
            this.service = service;
            this.tokens = tokens;
            this.dataDir = dataDir;
            this.keepData = keepData;
            this.jvmOptions = jvmOptions;
        }

        static Path dataDirectory(Path home) {
            return home.resolve("bench").resolve("target").resolve("bench-data-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }

        static Started start(BenchSettings settings, Path dataDir, PrintStream out) {
            Path logDir = dataDir.resolve("logs");
            try {
                Files.createDirectories(logDir);
            } catch (IOException e) {
                throw new BenchException("cannot create " + logDir + ": " + e.getMessage(), e);
            }
            out.println("Starting Kafka (KRaft) and the schema registry in this JVM, data in " + dataDir + " ...");
            LocalPlatform platform = LocalPlatform.start(dataDir, 0, 0, 0);
            AccessTokens tokens = AccessTokens.generate();
            Map<String, String> environment = new LinkedHashMap<>(tokens.environment());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", platform.bootstrapServers());
            environment.put("SCHEMA_REGISTRY_URL", platform.schemaRegistryUrl());
            environment.put("STREAMS_STATE_DIR", dataDir.resolve("incident-service").resolve("streams").toString());
            Path jar = settings.home().resolve("incident-service").resolve("target").resolve("incident-service.jar");
            ServiceProcess service = null;
            try {
                service = ServiceProcess.start("incident-service", jar, LocalKafkaBroker.freePort(), logDir,
                        settings.serviceJvmOptions(), environment);
                out.println("Starting incident-service " + String.join(" ", settings.serviceJvmOptions())
                        + " (log: " + service.logFile() + ") ...");
                service.awaitHealthy(START_TIMEOUT);
            } catch (RuntimeException e) {
                if (service != null) {
                    service.stop();
                }
                platform.close();
                throw e;
            }
            return new Started(platform, service, tokens, dataDir, settings.keepData(),
                    String.join(" ", settings.serviceJvmOptions()));
        }

        @Override
        public URI serviceUrl() {
            return URI.create(service.url());
        }

        @Override
        public AccessTokens tokens() {
            return tokens;
        }

        @Override
        public Optional<String> bootstrapServers() {
            return Optional.of(platform.bootstrapServers());
        }

        @Override
        public String description() {
            return "started by the harness: one Kafka broker (KRaft, in-JVM, local-platform) and the schema registry "
                    + "in the harness JVM, incident-service as a child JVM (" + jvmOptions + "), all on loopback";
        }

        @Override
        public List<ProcessHandle> benchmarkProcesses() {
            return List.of(ProcessHandle.current(), service.handle());
        }

        @Override
        public void close() {
            // The service first, so it never sees its broker disappear while working.
            service.stop();
            platform.close();
            if (!keepData) {
                deleteTree(dataDir);
            }
        }

        /** Everything but the logs, which say what happened if a figure looks wrong. */
        private static void deleteTree(Path dir) {
            Path logs = dir.resolve("logs");
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.filter(path -> !path.startsWith(logs) && !path.equals(dir))
                        .sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e.getMessage());
            }
        }
    }
}
