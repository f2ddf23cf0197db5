package org.incidentplatform.notification.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.incidentplatform.notification.events.Delivery;

/**
 * The waiting room of the retry path: failed deliveries from notification-delivery-retries are held
 * in a store ordered by due time, and sent back to notification-deliveries when due. Waiting here
 * costs the dispatcher nothing, so a failing endpoint's backlog never holds up anyone else's
 * deliveries, and a restart loses no retry (the store is changelogged, exactly once).
 */
public final class RetryScheduler implements Processor<String, Delivery, String, Delivery> {

    public static final String STORE = "retry-schedule";

    private final Clock clock;
    private final Duration interval;
    private final AtomicLong depth;
    private ProcessorContext<String, Delivery> context;
    private KeyValueStore<String, Delivery> waiting;
    private long held;

    /** @param depth deliveries waiting for a retry on this instance, shared by its tasks: a gauge reads it */
    public RetryScheduler(Clock clock, Duration interval, AtomicLong depth) {
        this.clock = clock;
        this.interval = interval;
        this.depth = depth;
    }

    @Override
    public void init(ProcessorContext<String, Delivery> context) {
        this.context = context;
        this.waiting = context.getStateStore(STORE);
        // What a restart or a rebalance brought back from the changelog counts too.
        held = waiting.approximateNumEntries();
        depth.addAndGet(held);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> releaseDue());
    }

    @Override
    public void process(Record<String, Delivery> record) {
        Delivery delivery = record.value();
        if (delivery == null) {
            return;
        }
        if (waiting.putIfAbsent(key(delivery), delivery) == null) {
            held++;
            depth.incrementAndGet();
        }
    }

    @Override
    public void close() {
        depth.addAndGet(-held);
    }

    /** Keys sort by due time (fixed-width millis), then delivery id and attempt. */
    static String key(Delivery delivery) {
        return String.format(
                "%015d/%s/%d", delivery.getDueAt().toEpochMilli(), delivery.getDeliveryId(), delivery.getAttempt());
    }

    private void releaseDue() {
        long now = clock.millis();
        String upTo = String.format("%015d0", now);
        List<KeyValue<String, Delivery>> due = new ArrayList<>();
        try (KeyValueIterator<String, Delivery> entries = waiting.range(null, upTo)) {
            entries.forEachRemaining(due::add);
        }
        for (KeyValue<String, Delivery> entry : due) {
            context.forward(new Record<>(entry.value.getSubscriptionId(), entry.value, now));
            waiting.delete(entry.key);
            held--;
            depth.decrementAndGet();
        }
    }
}
