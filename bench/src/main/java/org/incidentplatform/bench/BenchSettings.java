package org.incidentplatform.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.incidentplatform.local.junit.IncidentStreams;

/**
 * What one run of the harness does, from its command line. The defaults are the figures ARCHITECTURE.md asks for (3 runs,
 * 1,000,000 events, 10,000 subscribers); {@code --quick} shrinks everything to check the harness
 * works, and options given after it still win.
 */
record BenchSettings(
        Set<Section> sections,
        int runs,
        boolean quick,
        List<Integer> clients,
        int incidents,
        Duration warmup,
        Duration measure,
        int offeredRate,
        Optional<Integer> sustainedRate,
        Duration endToEnd,
        Duration readWarmup,
        Duration read,
        int connections,
        long rebuildEvents,
        int subscribers,
        int largeAudience,
        int fanOutConcurrency,
        int longIncidentUpdates,
        Path home,
        Path report,
        boolean keepData) {

    /** The parts of the table, in the order the harness runs them on one started stack. */
    enum Section {
        READS,
        COMMAND,
        E2E,
        REBUILD,
        FANOUT,
        LONG;

        String option() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = """
            usage: bench/run-all.sh [options]
              --quick              check the harness works: 1 run, short windows, 100,000 events, 1,000 subscribers
              --only LIST          sections to run, comma-separated: reads,command,long,e2e,rebuild,fanout (default
                                   all; rebuild includes memory)
              --runs N             runs per line; figures are the median, min and max (default 3)
              --clients LIST       command path: concurrent HTTP clients and producer threads, one line each,
                                   comma-separated (default 16,64)
              --incidents N        command path: incidents the updates are spread over (default 64)
              --warmup SECONDS     command path: HTTP warm-up; the producer lines get half (default 20)
              --measure SECONDS    command path: length of each run (default 20)
              --e2e-rate N         end to end: the offered rate, updates/s (default 500)
              --e2e-sustained N    end to end: the second, sustainable rate (default half the command path's
                                   measured accepted/s; 60 when the command path is not run)
              --e2e-seconds S      end to end: length of each run (default 15)
              --read-seconds S     status reads: length of each wrk run (default 15; warm-up 10)
              --connections N      status reads: wrk connections (default 64)
              --long-updates N     long incident: updates one incident is taken to (default 10000)
              --rebuild-events N   rebuild and memory: events appended to incident-events (default 1000000)
              --subscribers N      fan-out: webhook subscribers (default 10000)
              --large-audience N   fan-out: subscribers of the one large-audience update, at least --subscribers
                                   (default 100000)
              --report FILE        where the report goes (default BENCHMARKS.md in the repository root)
              --keep-data          keep the started broker's data directory after the run
            """;

    BenchSettings {
        if (runs < 1
                || clients.isEmpty()
                || clients.stream().anyMatch(c -> c < 1)
                || incidents < 1
                || offeredRate < 1
                || connections < 1
                || subscribers < 1) {
            throw new IllegalArgumentException("--runs, --clients, --incidents, --e2e-rate, --connections and "
                    + "--subscribers must be at least 1");
        }
        if (largeAudience < subscribers) {
            throw new IllegalArgumentException("--large-audience must be at least --subscribers");
        }
        if (sustainedRate.isPresent() && sustainedRate.get() < 1) {
            throw new IllegalArgumentException("--e2e-sustained must be at least 1");
        }
        if (longIncidentUpdates < 2_000) {
            throw new IllegalArgumentException(
                    "--long-updates must be at least 2000: it compares its first and last 1,000");
        }
        if (rebuildEvents < 1000) {
            throw new IllegalArgumentException("--rebuild-events must be at least 1000");
        }
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("--only names no section");
        }
        for (Duration window : List.of(measure, endToEnd, read)) {
            if (window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("measured windows must be positive");
            }
        }
        sections = Set.copyOf(sections);
        clients = List.copyOf(clients);
    }

    /** The producer lines need less: a broker's produce path is warm within seconds at their rates. */
    Duration ceilingWarmup() {
        return warmup.dividedBy(2);
    }

    boolean runs(Section section) {
        return sections.contains(section);
    }

    /** Incidents the 1,000,000 rebuild events are spread over: ten events each, the 100,000 of ARCHITECTURE.md's memory line. */
    long rebuildIncidents() {
        return rebuildEvents / IncidentStreams.EVENTS_PER_INCIDENT;
    }

    static BenchSettings parse(List<String> args, Path home) {
        boolean quick = args.contains("--quick");
        Set<Section> sections = EnumSet.allOf(Section.class);
        int runs = quick ? 1 : 3;
        List<Integer> clients = List.of(16, 64);
        int longIncidentUpdates = quick ? 2_000 : 10_000;
        int incidents = 64;
        Duration warmup = Duration.ofSeconds(quick ? 5 : 20);
        Duration measure = Duration.ofSeconds(quick ? 5 : 20);
        int offeredRate = 500;
        Integer sustainedRate = null;
        Duration endToEnd = Duration.ofSeconds(quick ? 6 : 15);
        Duration read = Duration.ofSeconds(quick ? 4 : 15);
        int connections = 64;
        long rebuildEvents = quick ? 100_000 : 1_000_000;
        int subscribers = quick ? 1_000 : 10_000;
        int largeAudience = quick ? 5_000 : 100_000;
        Path report = home.resolve("BENCHMARKS.md");
        boolean keepData = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--quick")) {
                continue;
            }
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
                case "--only" -> sections = sections(value);
                case "--runs" -> runs = number(option, value);
                case "--clients" -> clients = numbers(option, value);
                case "--long-updates" -> longIncidentUpdates = number(option, value);
                case "--incidents" -> incidents = number(option, value);
                case "--warmup" -> warmup = Duration.ofSeconds(number(option, value));
                case "--measure" -> measure = Duration.ofSeconds(number(option, value));
                case "--e2e-rate" -> offeredRate = number(option, value);
                case "--e2e-sustained" -> sustainedRate = number(option, value);
                case "--e2e-seconds" -> endToEnd = Duration.ofSeconds(number(option, value));
                case "--read-seconds" -> read = Duration.ofSeconds(number(option, value));
                case "--connections" -> connections = number(option, value);
                case "--rebuild-events" -> rebuildEvents = number(option, value);
                case "--subscribers" -> subscribers = number(option, value);
                case "--large-audience" -> largeAudience = number(option, value);
                case "--report" -> report = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        Duration readWarmup = quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        return new BenchSettings(
                sections,
                runs,
                quick,
                clients,
                incidents,
                warmup,
                measure,
                offeredRate,
                Optional.ofNullable(sustainedRate),
                endToEnd,
                readWarmup,
                read,
                connections,
                rebuildEvents,
                subscribers,
                largeAudience,
                32,
                longIncidentUpdates,
                home,
                report,
                keepData);
    }

    private static Set<Section> sections(String value) {
        Set<Section> sections = EnumSet.noneOf(Section.class);
        for (String name : value.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                sections.add(Section.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--only knows reads, command, e2e, rebuild and fanout, not '" + name.trim() + "'");
            }
        }
        return sections;
    }

    private static List<Integer> numbers(String option, String value) {
        return java.util.Arrays.stream(value.split(","))
                .filter(part -> !part.isBlank())
                .map(part -> number(option, part.trim()))
                .toList();
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + value + "'");
        }
    }
}
