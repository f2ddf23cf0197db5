package org.incidentplatform.notification.dispatch;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets the dispatcher may commit: per partition, up to the first record whose work (its deliveries
 * sent and their outcomes recorded) has not finished. Records finish in any order, a slow host's late;
 * the committed offset never passes one that has not, so a crash re-reads exactly what could be lost, and
 * a poll never waits for the slowest delivery of the one before it.
 *
 * <p>Each partition is worked on by one consumer thread at a time, which tracks, advances and forgets it;
 * the work itself finishes on other threads.
 */
final class Watermarks {

    private final Map<TopicPartition, NavigableMap<Long, CompletableFuture<?>>> inFlight = new ConcurrentHashMap<>();

    /** The record at this offset is finished when {@code work} completes. */
    void track(TopicPartition partition, long offset, CompletableFuture<?> work) {
        inFlight.computeIfAbsent(partition, p -> new ConcurrentSkipListMap<>()).put(offset, work);
    }

    /**
     * The offsets to commit now for these partitions (the calling consumer's): after the last record of an
     * unbroken run of finished ones, where that moved since the last call. A record whose work failed ends its
     * partition's run; see {@link #failed}.
     */
    Map<TopicPartition, OffsetAndMetadata> advance(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : partitions) {
            NavigableMap<Long, CompletableFuture<?>> records = inFlight.get(partition);
            long next = -1;
            while (records != null && !records.isEmpty()) {
                Map.Entry<Long, CompletableFuture<?>> first = records.firstEntry();
                if (!first.getValue().isDone() || first.getValue().isCompletedExceptionally()) {
                    break;
                }
                records.pollFirstEntry();
                next = first.getKey() + 1;
            }
            if (next >= 0) {
                commit.put(partition, new OffsetAndMetadata(next));
            }
        }
        return commit;
    }

    /**
     * Of these partitions, those whose first unfinished record failed, with its offset: the consumer reads the
     * partition again from there, and everything tracked from there on is forgotten (it is read again too).
     * Call it after {@link #advance}, which commits what finished before.
     */
    Map<TopicPartition, Long> failed(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> failed = new HashMap<>();
        for (TopicPartition partition : partitions) {
            NavigableMap<Long, CompletableFuture<?>> records = inFlight.get(partition);
            Map.Entry<Long, CompletableFuture<?>> first = records == null ? null : records.firstEntry();
            if (first != null && first.getValue().isCompletedExceptionally()) {
                failed.put(partition, first.getKey());
                records.clear();
            }
        }
        return failed;
    }

    /** Records tracked and not yet committed, over every partition. */
    int pending() {
        return inFlight.values().stream().mapToInt(Map::size).sum();
    }

    /** The work of every record still tracked for these partitions, finished or not. */
    CompletableFuture<Void> all(Collection<TopicPartition> partitions) {
        return CompletableFuture.allOf(partitions.stream()
                .map(inFlight::get)
                .filter(Objects::nonNull)
                .flatMap(records -> records.values().stream())
                .toArray(CompletableFuture[]::new));
    }

    /** The partitions are no longer this instance's: nothing more of them is tracked or committed here. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(inFlight::remove);
    }
}
