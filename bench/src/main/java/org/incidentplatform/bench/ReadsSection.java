package org.incidentplatform.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.local.kafka.LocalKafkaBroker;

/**
 * projection-service's status reads under {@code wrk}, beside nginx serving the same bytes as
 * static files. The page shows the catalogue and a seeded history of {@value #HISTORY} incidents
 * (three events each, one in twenty still open), appended straight to incident-events.
 */
final class ReadsSection {

    static final String NAME = "status reads";
    static final int HISTORY = 200;
    static final List<String> PATHS = List.of("/api/v2/summary.json", "/");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ReadsSection() {}

    /** The seeded history; the status pages show it whichever sections run. */
    static void seedHistory(Stack stack) {
        try (EventAppender appender = new EventAppender(stack)) {
            String last = null;
            for (int i = 0; i < HISTORY; i++) {
                last = String.format("inc-2026-%04d", i);
                for (IncidentEvent event : EventAppender.incident(last, i, 3, i % 20 == 0)) {
                    appender.append(event);
                }
            }
            appender.flush();
            awaitVisible(stack.projectionUrl(), last, 3);
        }
    }

    /** Waits until projection-service has applied version {@code version} of {@code stream}. */
    static void awaitVisible(String projectionUrl, String stream, long version) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(projectionUrl + "/api/v2/summary.json"))
                                .header("X-Await-Version", stream + "=" + version)
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if ("reached"
                        .equals(response.headers()
                                .firstValue("X-Awaited-Version")
                                .orElse(""))) {
                    return;
                }
            } catch (IOException e) {
                Stack.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted");
            }
        }
        throw new BenchException("projection-service did not show " + stream + " version " + version + " in 2 minutes");
    }

    static void run(Run run) throws IOException, InterruptedException {
        BenchSettings settings = run.settings;
        Wrk wrk = new Wrk(settings.connections(), 2);
        String service = run.stack.projectionUrl();
        Path data = run.stack.dataDir();
        Path root = data.resolve("static");
        Files.createDirectories(root.resolve("api/v2"));
        Map<String, Integer> sizes = new LinkedHashMap<>();
        run.out.println("\n== Status reads");
        for (String path : PATHS) {
            byte[] body = fetch(service + path);
            sizes.put(path, body.length);
            Files.write(path.equals("/") ? root.resolve("index.html") : root.resolve(path.substring(1)), body);
        }
        Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
        try (StaticNginx nginx = StaticNginx.start(data.resolve("nginx"), root, LocalKafkaBroker.freePort())) {
            for (String path : PATHS) {
                byte[] served = fetch(nginx.url() + path);
                if (served.length != sizes.get(path)) {
                    throw new BenchException("nginx serves " + served.length + " B for " + path + ", the service "
                            + sizes.get(path) + " B");
                }
                run.out.printf(
                        "Warming up %s (%d B) for %d s each ...%n",
                        path, sizes.get(path), settings.readWarmup().toSeconds());
                wrk.run(service + path, (int) settings.readWarmup().toSeconds());
                wrk.run(nginx.url() + path, (int) settings.readWarmup().toSeconds());
            }
            CpuAccount cpu = CpuAccount.start(run.stack.processes());
            for (int r = 1; r <= settings.runs(); r++) {
                for (String path : PATHS) {
                    for (boolean ceiling : new boolean[] {false, true}) {
                        String key = (ceiling ? "nginx " : "service ") + path;
                        Wrk.Result result = wrk.run((ceiling ? nginx.url() : service) + path, (int)
                                settings.read().toSeconds());
                        results.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
                        run.out.printf(
                                "run %d %-32s %,10.0f req/s  p99 %7.2f ms  errors %d%n",
                                r, key, result.requestsPerSecond(), result.p99Millis(), result.errors());
                    }
                }
            }
            run.accountCpu(NAME, cpu);
        }
        String nginxName = "nginx " + StaticNginx.version() + ", same bytes, static file";
        for (String path : PATHS) {
            List<Wrk.Result> s = results.get("service " + path);
            List<Wrk.Result> n = results.get("nginx " + path);
            String line = String.format(
                    "`GET %s` (%,d B), %s",
                    path, sizes.get(path), wrk.describe((int) settings.read().toSeconds()));
            run.table.add(
                    NAME,
                    line + ": req/s",
                    SummaryTable.Unit.PER_SECOND,
                    values(s, Wrk.Result::requestsPerSecond),
                    nginxName,
                    values(n, Wrk.Result::requestsPerSecond));
            run.table.add(
                    NAME,
                    line + ": p99",
                    SummaryTable.Unit.MILLIS,
                    values(s, Wrk.Result::p99Millis),
                    nginxName,
                    values(n, Wrk.Result::p99Millis));
            long errors = s.stream().mapToLong(Wrk.Result::errors).sum()
                    + n.stream().mapToLong(Wrk.Result::errors).sum();
            if (errors > 0) {
                run.detail(NAME, errors + " errors (non-2xx or socket) from wrk on " + path);
            }
        }
    }

    private static List<Double> values(List<Wrk.Result> results, java.util.function.ToDoubleFunction<Wrk.Result> f) {
        return results.stream().map(r -> f.applyAsDouble(r)).toList();
    }

    static byte[] fetch(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new BenchException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
