package org.incidentplatform.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: each of N client threads sends one request, waits for its answer, and sends
 * the next, for a fixed time. Only answers that arrive inside the window count; requests still in
 * flight at its end are waited for and dropped, so the next run starts from an idle system.
 */
final class ClosedLoad {

    /** One request from client {@code client}, its {@code sequence}-th: true when accepted. */
    @FunctionalInterface
    interface Request {
        boolean send(int client, long sequence) throws Exception;
    }

    private ClosedLoad() {}

    static Measurement run(int clients, Duration length, Request request) {
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] accepted = new long[clients];
        long[] notAccepted = new long[clients];
        Latencies[] latencies = new Latencies[clients];
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            latencies[c] = new Latencies();
            Thread thread = new Thread(
                    () -> {
                        ready.countDown();
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long end = window[1];
                        for (long sequence = 0; ; sequence++) {
                            long sent = System.nanoTime();
                            if (sent - end >= 0) {
                                return;
                            }
                            boolean ok;
                            try {
                                ok = request.send(client, sequence);
                            } catch (Exception e) {
                                firstFailure.compareAndSet(null, e);
                                ok = false;
                            }
                            long answered = System.nanoTime();
                            if (answered - end > 0) {
                                return;
                            }
                            if (ok) {
                                accepted[client]++;
                                latencies[client].add(answered - sent);
                            } else {
                                notAccepted[client]++;
                            }
                        }
                    },
                    "bench-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            ready.await();
            window[0] = System.nanoTime();
            window[1] = window[0] + length.toNanos();
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while measuring");
        }
        if (firstFailure.get() != null) {
            System.out.println("    first failed request: " + firstFailure.get());
        }
        Latencies all = new Latencies();
        long acceptedTotal = 0;
        long notAcceptedTotal = 0;
        for (int c = 0; c < clients; c++) {
            all.addAll(latencies[c]);
            acceptedTotal += accepted[c];
            notAcceptedTotal += notAccepted[c];
        }
        return Measurement.of(acceptedTotal, all, notAcceptedTotal, length.toNanos() / 1e9);
    }
}
