package org.incidentplatform.localstack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition the stack reaches asynchronously; fails naming what did not happen in time. */
final class Eventually {

    private Eventually() {}

    static void await(String what, Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
