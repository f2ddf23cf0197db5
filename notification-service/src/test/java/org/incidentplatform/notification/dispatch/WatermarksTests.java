package org.incidentplatform.notification.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which offsets the dispatcher commits while records finish in any order. */
class WatermarksTests {

    private static final TopicPartition P0 = new TopicPartition("notification-notices", 0);
    private static final TopicPartition P1 = new TopicPartition("notification-notices", 1);

    private final Watermarks watermarks = new Watermarks();

    @Test
    void aFinishedRecord_behindOneStillInFlight_isNotCommitted_untilThatOneFinishes() {
        CompletableFuture<Void> slowHost = new CompletableFuture<>();
        CompletableFuture<Void> fastHost = new CompletableFuture<>();
        watermarks.track(P0, 10, slowHost);
        watermarks.track(P0, 11, fastHost);

        fastHost.complete(null);
        assertThat(watermarks.advance(List.of(P0))).isEmpty();

        slowHost.complete(null);
        assertThat(watermarks.advance(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(12)));
        assertThat(watermarks.pending()).isZero();
    }

    @Test
    void theCommitStopsAtTheFirstUnfinishedRecord_andIsSaidOnceEachTimeItMoves() {
        CompletableFuture<Void> third = new CompletableFuture<>();
        watermarks.track(P0, 0, CompletableFuture.completedFuture(null));
        watermarks.track(P0, 1, CompletableFuture.completedFuture(null));
        watermarks.track(P0, 2, third);

        assertThat(watermarks.advance(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
        assertThat(watermarks.advance(List.of(P0))).as("nothing moved").isEmpty();
        assertThat(watermarks.pending()).isEqualTo(1);
    }

    @Test
    void eachConsumerAdvancesOnlyItsOwnPartitions() {
        watermarks.track(P0, 5, CompletableFuture.completedFuture(null));
        watermarks.track(P1, 7, CompletableFuture.completedFuture(null));

        assertThat(watermarks.advance(List.of(P1))).isEqualTo(Map.of(P1, new OffsetAndMetadata(8)));
        assertThat(watermarks.advance(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(6)));
    }

    @Test
    void aRecordWhoseWorkFailed_isNeverCommittedPast_andItsPartitionIsReadAgainFromIt() {
        CompletableFuture<Void> outcomeNotRecorded = new CompletableFuture<>();
        watermarks.track(P0, 3, CompletableFuture.completedFuture(null));
        watermarks.track(P0, 4, outcomeNotRecorded);
        watermarks.track(P0, 5, CompletableFuture.completedFuture(null));
        outcomeNotRecorded.completeExceptionally(new IllegalStateException("broker away"));

        assertThat(watermarks.advance(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(4)));
        assertThat(watermarks.failed(List.of(P0))).isEqualTo(Map.of(P0, 4L));
        assertThat(watermarks.pending()).as("what follows is read again").isZero();
        assertThat(watermarks.advance(List.of(P0))).isEmpty();
    }

    @Test
    void aFailureBehindUnfinishedWork_waitsForItsTurn() {
        CompletableFuture<Void> inFlight = new CompletableFuture<>();
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new IllegalStateException("broker away"));
        watermarks.track(P0, 0, inFlight);
        watermarks.track(P0, 1, failed);

        assertThat(watermarks.failed(List.of(P0))).isEmpty();
        inFlight.complete(null);
        assertThat(watermarks.advance(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
        assertThat(watermarks.failed(List.of(P0))).isEqualTo(Map.of(P0, 1L));
    }

    @Test
    void aRevokedPartition_isForgotten_andItsWorkCanBeAwaitedFirst() {
        CompletableFuture<Void> inFlight = new CompletableFuture<>();
        watermarks.track(P0, 0, inFlight);
        watermarks.track(P1, 0, CompletableFuture.completedFuture(null));

        CompletableFuture<Void> revokedWork = watermarks.all(List.of(P0));
        assertThat(revokedWork).isNotDone();
        inFlight.complete(null);
        assertThat(revokedWork).isDone();

        watermarks.forget(List.of(P0));
        assertThat(watermarks.advance(List.of(P0))).isEmpty();
        assertThat(watermarks.pending()).isEqualTo(1);
    }
}
