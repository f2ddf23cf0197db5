package org.incidentplatform.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the Debian {@code wrk} binary and reads requests/s and p99 from its {@code --latency} output. */
final class Wrk {

    record Result(double requestsPerSecond, double p99Millis, long errors, String raw) {}

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\n\\s*99%\\s+([0-9.]+)(us|ms|s)\\b");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final int connections;
    private final int threads;

    Wrk(int connections, int threads) {
        this.connections = connections;
        this.threads = threads;
    }

    String describe(int seconds) {
        return "wrk -t" + threads + " -c" + connections + " -d" + seconds + "s --latency";
    }

    Result run(String url, int seconds) {
        List<String> command = List.of(
                "wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "--latency", url);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            Matcher rps = RPS.matcher(out);
            Matcher p99 = P99.matcher(out);
            if (code != 0 || !rps.find() || !p99.find()) {
                throw new IllegalStateException("wrk failed (exit " + code + ") against " + url + ":\n" + out);
            }
            double value = Double.parseDouble(p99.group(1));
            double millis = switch (p99.group(2)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
            long errors = 0;
            Matcher non2xx = NON_2XX.matcher(out);
            if (non2xx.find()) {
                errors += Long.parseLong(non2xx.group(1));
            }
            Matcher socket = SOCKET.matcher(out);
            if (socket.find()) {
                for (int g = 1; g <= 4; g++) {
                    errors += Long.parseLong(socket.group(g));
                }
            }
            return new Result(Double.parseDouble(rps.group(1)), millis, errors, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run wrk (apt-get install -y wrk): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
