package org.incidentplatform.notification.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Per-host concurrency, and whether a host is answering: what the dispatcher's deferral rests on. */
class HostLanesTests {

    @Test
    void aHostWhoseTasksFinish_isAnswering_anUnknownOneIsNot() throws Exception {
        try (HostLanes lanes = new HostLanes(4, 2)) {
            lanes.submit("fast:443", () -> CompletableFuture.completedFuture(null))
                    .get(5, TimeUnit.SECONDS);

            assertThat(lanes.finishedWithin("fast:443", Duration.ofSeconds(5))).isTrue();
            assertThat(lanes.finishedWithin("never-seen:443", Duration.ofSeconds(5)))
                    .isFalse();
        }
    }

    @Test
    void aHostWhoseEveryTaskHangs_isNotAnswering_andHoldsNoMoreThanItsShareOfThreads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try (HostLanes lanes = new HostLanes(4, 2)) {
            for (int i = 0; i < 5; i++) {
                lanes.submit("hanging:443", () -> {
                    started.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return CompletableFuture.completedFuture(null);
                });
            }
            Thread.sleep(300);

            assertThat(started.get()).as("tasks running on the hanging host").isEqualTo(2);
            assertThat(lanes.finishedWithin("hanging:443", Duration.ofMillis(200)))
                    .isFalse();
            // Another host still gets threads.
            lanes.submit("other:443", () -> CompletableFuture.completedFuture(null))
                    .get(5, TimeUnit.SECONDS);
            release.countDown();
        }
    }
}
