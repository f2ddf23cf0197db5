package org.incidentplatform.notification.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounded concurrency per target host, over one bounded pool. A task waits in its host's queue, not
 * on a thread, until the host has a free slot: a slow host can hold at most {@code perHost} threads,
 * and every other host keeps its own.
 */
final class HostLanes implements AutoCloseable {

    private final ExecutorService pool;
    private final int perHost;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    HostLanes(int maxInFlight, int perHost) {
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.perHost = perHost;
    }

    /** Runs the task when its lane has room; the future completes when the future it returns does. */
    CompletableFuture<Void> submit(String lane, Supplier<CompletableFuture<?>> task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lanes.computeIfAbsent(lane, key -> new Lane()).add(() -> {
            try {
                task.get().whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else {
                        done.complete(null);
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Whether a task of the lane finished within the last {@code window}: the host answers, if slowly. */
    boolean finishedWithin(String lane, Duration window) {
        Lane known = lanes.get(lane);
        return known != null && System.nanoTime() - known.lastFinished < window.toNanos();
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(15, TimeUnit.SECONDS);
    }

    private final class Lane {
        private final Deque<Runnable> queue = new ArrayDeque<>();
        private int running;
        /** When a task last finished; at first, when the lane was made. */
        private volatile long lastFinished = System.nanoTime();

        synchronized void add(Runnable job) {
            queue.add(job);
            drain();
        }

        private synchronized void drain() {
            while (running < perHost && !queue.isEmpty()) {
                Runnable job = queue.poll();
                running++;
                pool.execute(() -> {
                    try {
                        job.run();
                    } finally {
                        finished();
                    }
                });
            }
        }

        private synchronized void finished() {
            lastFinished = System.nanoTime();
            running--;
            drain();
        }
    }
}
