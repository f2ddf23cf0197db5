package org.incidentplatform.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One incident taken to N updates (10,000 by default) by a few clients at once: the rate and p99 of
 * its last 1,000 updates beside its first 1,000. A write path whose cost grows with an incident's
 * history shows it here as a ratio well below 1; constant cost per command keeps it near 1.
 */
final class LongIncidentSection {

    static final String NAME = "long incident";
    private static final int CLIENTS = 4;
    private static final int WINDOW = 1_000;

    private LongIncidentSection() {}

    /** One accepted update: when its answer came, and how long it took. */
    private record Answer(long answeredNanos, long latencyNanos) {}

    static void run(Run run) {
        int updates = run.settings.longIncidentUpdates();
        IncidentServiceClient service = new IncidentServiceClient(run.stack.incidentUrl(), run.stack.tokens());
        // One run: at the command path's rates 10,000 updates take minutes.
        CpuAccount cpu = CpuAccount.start(run.stack.processes());
        String incident = service.declareIncidents(1).get(0);
        run.out.printf("%n== Long incident: %,d updates to %s by %d clients ...%n", updates, incident, CLIENTS);
        List<Answer> answers = takeTo(service, incident, updates);
        List<Answer> first = answers.subList(0, WINDOW);
        List<Answer> last = answers.subList(answers.size() - WINDOW, answers.size());
        run.out.printf(
                "  first %,d: %,.0f/s, p99 %.1f ms; last %,d: %,.0f/s, p99 %.1f ms%n",
                WINDOW, rate(first), p99(first), WINDOW, rate(last), p99(last));
        service.resolveIncidents(List.of(incident));
        run.accountCpu(NAME, cpu);
        String line = String.format("one incident taken to %,d updates, %d clients", updates, CLIENTS);
        run.table.add(
                NAME,
                line + ": accepted/s of the last 1,000",
                SummaryTable.Unit.PER_SECOND,
                List.of(rate(last)),
                "its first 1,000",
                List.of(rate(first)));
        run.table.add(
                NAME,
                line + ": p99 of the last 1,000",
                SummaryTable.Unit.MILLIS,
                List.of(p99(last)),
                "its first 1,000, p99",
                List.of(p99(first)));
    }

    /** Posts updates from a few clients until {@code updates} were accepted; answers in the order they came. */
    private static List<Answer> takeTo(IncidentServiceClient service, String incident, int updates) {
        AtomicInteger accepted = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<List<Answer>> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            List<Answer> answers = new ArrayList<>();
            perClient.add(answers);
            Thread thread = new Thread(
                    () -> {
                        for (long sequence = 0; accepted.get() < updates && failure.get() == null; sequence++) {
                            long sent = System.nanoTime();
                            try {
                                int status = service.postUpdate(incident, HttpCommandLoad.message(client, sequence));
                                long answered = System.nanoTime();
                                if (status != 201) {
                                    throw new BenchException("update answered " + status);
                                }
                                answers.add(new Answer(answered, answered - sent));
                                accepted.incrementAndGet();
                            } catch (Exception e) {
                                failure.compareAndSet(null, e);
                            }
                        }
                    },
                    "long-incident-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while taking an incident to " + updates + " updates");
            }
        }
        if (failure.get() != null) {
            throw new BenchException("long incident: " + failure.get().getMessage());
        }
        List<Answer> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        all.sort(Comparator.comparingLong(Answer::answeredNanos));
        return all;
    }

    private static double rate(List<Answer> window) {
        double seconds =
                (window.get(window.size() - 1).answeredNanos() - window.get(0).answeredNanos()) / 1e9;
        return (window.size() - 1) / seconds;
    }

    private static double p99(List<Answer> window) {
        long[] latencies = window.stream().mapToLong(Answer::latencyNanos).toArray();
        Arrays.sort(latencies);
        return latencies[(int) Math.ceil(0.99 * latencies.length) - 1] / 1e6;
    }
}
