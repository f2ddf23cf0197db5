package org.incidentplatform.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one benchmark run does, from its command line. Without {@code --target} the harness starts
 * its own broker, registry and incident-service; with it, it drives a running deployment and
 * measures the Kafka ceilings only if {@code --bootstrap} names that deployment's broker.
 */
record BenchSettings(int clients, int incidents, Duration warmup, Duration measure, int runs,
                     Optional<URI> target, Optional<String> token, Optional<String> bootstrap,
                     Path home, Path report, List<String> serviceJvmOptions, boolean keepData) {

    static final String USAGE = """
            usage: bench/run.sh [options]
              --clients N          concurrent clients, HTTP and synchronous producer alike (default 16)
              --incidents N        incidents the updates are spread over (default 64)
              --warmup SECONDS     HTTP warm-up before the first run; the producer lines get half (default 20)
              --measure SECONDS    length of each measured run (default 20)
              --runs N             runs per line; figures are the median, min and max (default 3)
              --target URL         benchmark a running incident-service instead of starting one
              --token TOKEN        with --target: a bearer token with the admin role
              --bootstrap HOST:PORT  with --target: its Kafka broker, for the producer ceilings
              --report FILE        where the results go (default BENCHMARKS.md in the repository root)
              --service-jvm-options "OPTS"  JVM options of the started incident-service (default "-Xmx1g")
              --keep-data          keep the started broker's data directory after the run
            """;

    BenchSettings {
        if (clients < 1 || incidents < 1 || runs < 1) {
            throw new IllegalArgumentException("--clients, --incidents and --runs must be at least 1");
        }
        if (measure.isZero() || measure.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("--measure must be positive and --warmup not negative");
        }
        if (target.isPresent() != token.isPresent()) {
            throw new IllegalArgumentException("--target and --token go together");
        }
        if (bootstrap.isPresent() && target.isEmpty()) {
            throw new IllegalArgumentException(
                    "--bootstrap is only for --target; otherwise the harness starts its broker");
        }
    }

    /**
     * The producer lines need less: a broker's produce path is warm within seconds at their rates,
     * while incident-service's JIT needs tens of seconds at a few hundred requests per second.
     */
    Duration ceilingWarmup() {
        return warmup.dividedBy(2);
    }

    static BenchSettings parse(List<String> args, Path home) {
        int clients = 16;
        int incidents = 64;
        Duration warmup = Duration.ofSeconds(20);
        Duration measure = Duration.ofSeconds(20);
        int runs = 3;
        URI target = null;
        String token = null;
        String bootstrap = null;
        Path report = home.resolve("BENCHMARKS.md");
        List<String> jvmOptions = List.of("-Xmx1g");
        boolean keepData = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--keep-data")) {
                keepData = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(
                        option.startsWith("--") ? option + " needs a value" : "unknown argument " + option);
            }
            String value = args.get(++i);
            switch (option) {
                case "--clients" -> clients = number(option, value);
                case "--incidents" -> incidents = number(option, value);
                case "--warmup" -> warmup = Duration.ofSeconds(number(option, value));
                case "--measure" -> measure = Duration.ofSeconds(number(option, value));
                case "--runs" -> runs = number(option, value);
                case "--target" -> target = targetUrl(value);
                case "--token" -> token = value;
                case "--bootstrap" -> bootstrap = value;
                case "--report" -> report = Path.of(value).toAbsolutePath();
                case "--service-jvm-options" -> jvmOptions = List.of(value.trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new BenchSettings(clients, incidents, warmup, measure, runs, Optional.ofNullable(target),
                Optional.ofNullable(token), Optional.ofNullable(bootstrap), home, report,
                new ArrayList<>(jvmOptions), keepData);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
        }
    }

    private static URI targetUrl(String value) {
        URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--target takes an http(s) URL such as http://127.0.0.1:8080");
        }
        return uri;
    }
}
