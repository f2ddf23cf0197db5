package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.operational;

import java.time.Instant;
import java.util.Map;

import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.projection.status.StatusProjection.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusProjectionTests {

    private final EventLog log = new EventLog();

    @BeforeEach
    void catalogue() {
        log.standardCatalogue();
    }

    @Test
    void sameEventDeliveredTwice_isAppliedOnce() {
        IncidentEvent declared = log.declare("inc-1", Impact.major, Map.of("web-app", major_outage));
        StatusSnapshot before = log.snapshot();

        assertThat(log.projection.apply(declared)).isFalse();
        assertThat(log.projection.offer(declared)).isEqualTo(Outcome.ALREADY_APPLIED);

        StatusSnapshot after = log.snapshot();
        assertThat(after).isSameAs(before);
        assertThat(after.appliedEvents()).isEqualTo(5);
        assertThat(after.incident("inc-1").orElseThrow().updates()).hasSize(1);
    }

    @Test
    void olderEventRedeliveredAfterNewerOnes_changesNothing() {
        IncidentEvent declared = log.declare("inc-1", Impact.major, Map.of("web-app", major_outage));
        IncidentEvent update = log.update("inc-1", IncidentStatus.identified, Impact.critical, Map.of());
        log.resolve("inc-1", Map.of());
        StatusSnapshot before = log.snapshot();

        assertThat(log.projection.apply(update)).isFalse();
        assertThat(log.projection.apply(declared)).isFalse();

        StatusSnapshot after = log.snapshot();
        assertThat(after).isSameAs(before);
        assertThat(after.incident("inc-1").orElseThrow().status()).isEqualTo(IncidentStatus.resolved);
        assertThat(after.component("web-app").orElseThrow().status()).isEqualTo(operational);
        assertThat(after.indicator()).isEqualTo(PageIndicator.none);
    }

    @Test
    void eventSkippingASequence_isReportedAsGap_andNotApplied() {
        log.declare("inc-1", Impact.major, Map.of("web-app", major_outage));
        IncidentEvent third = EventLog.envelope("inc-1", 3, log.now().plusSeconds(60),
                IncidentResolved.newBuilder().setMessage("Resolved").setComponents(Map.of()).build());

        assertThat(log.projection.offer(third)).isEqualTo(Outcome.GAP);

        StatusSnapshot snapshot = log.snapshot();
        assertThat(snapshot.version("inc-1")).isEqualTo(1);
        assertThat(snapshot.unresolvedIncidents()).hasSize(1);

        IncidentEvent second = EventLog.envelope("inc-1", 2, log.now().plusSeconds(30),
                IncidentUpdatePosted.newBuilder().setMessage("Looking").setStatus(null).setImpact(null)
                        .setComponents(Map.of()).build());
        assertThat(log.projection.offer(second)).isEqualTo(Outcome.APPLIED);
        assertThat(log.projection.offer(third)).as("once the gap is filled").isEqualTo(Outcome.APPLIED);
        assertThat(log.snapshot().unresolvedIncidents()).isEmpty();
    }

    @Test
    void eventForAStreamNeverStarted_takesItsSequence_butChangesNothing() {
        IncidentEvent orphan = EventLog.envelope("inc-ghost", 1, log.now(),
                IncidentResolved.newBuilder().setMessage("Resolved").setComponents(Map.of()).build());
        long applied = log.snapshot().appliedEvents();

        assertThat(log.projection.offer(orphan)).isEqualTo(Outcome.INAPPLICABLE);

        StatusSnapshot snapshot = log.snapshot();
        assertThat(snapshot.version("inc-ghost")).isEqualTo(1);
        assertThat(snapshot.incident("inc-ghost")).isEmpty();
        assertThat(snapshot.appliedEvents()).isEqualTo(applied);
    }

    @Test
    void snapshot_tracksVersionsCountAndTimesOfTheLatestEvent() {
        log.declare("inc-1", Impact.minor, Map.of());
        IncidentEvent latest = log.update("inc-1", IncidentStatus.identified, null, Map.of());

        StatusSnapshot snapshot = log.snapshot();

        assertThat(snapshot.appliedEvents()).isEqualTo(6);
        assertThat(snapshot.version("inc-1")).isEqualTo(2);
        assertThat(snapshot.version(EventLog.CATALOGUE)).isEqualTo(4);
        assertThat(snapshot.version("unknown")).isZero();
        assertThat(snapshot.lastEventAt()).isEqualTo(latest.getOccurredAt());
        assertThat(snapshot.lastRecordedAt()).isEqualTo(latest.getRecordedAt());
    }

    /**
     * Here even its recordedAt lies in the past (another writer's clock, another partition): it is the
     * latest applied, but the page's updatedAt, which clients poll, never goes back.
     */
    @Test
    void backfilledEvent_stillCountsAsTheLatestApplied_butNeverMovesThePagesUpdatedAtBack() {
        Instant now = log.now();
        log.declare("inc-now", Impact.minor, Map.of());
        Instant updatedBefore = log.snapshot().updatedAt();
        IncidentEvent backfilled = log.declareBackfilled("inc-old", Impact.minor,
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T11:00:00Z"), Map.of());

        StatusSnapshot snapshot = log.snapshot();

        assertThat(snapshot.lastEventAt()).isEqualTo(backfilled.getOccurredAt()).isBefore(now);
        assertThat(snapshot.lastRecordedAt()).isEqualTo(backfilled.getRecordedAt());
        assertThat(updatedBefore).isAfter(now);
        assertThat(snapshot.updatedAt()).isEqualTo(updatedBefore);
    }

    @Test
    void readers_seeOnlyPublishedSnapshots() {
        StatusSnapshot published = log.snapshot();
        log.declare("inc-1", Impact.critical, Map.of());

        assertThat(log.projection.current()).isSameAs(published);
        assertThat(log.projection.current().unresolvedIncidents()).isEmpty();

        StatusSnapshot next = log.projection.publish();
        assertThat(log.projection.current()).isSameAs(next);
        assertThat(next.unresolvedIncidents()).hasSize(1);
        assertThat(log.projection.publish()).as("nothing new, nothing rebuilt").isSameAs(next);
    }

    @Test
    void freshProjection_publishesAnEmptyPage() {
        StatusSnapshot empty = new StatusProjection().publish();

        assertThat(empty.components()).isEmpty();
        assertThat(empty.incidents()).isEmpty();
        assertThat(empty.indicator()).isEqualTo(PageIndicator.none);
        assertThat(empty.appliedEvents()).isZero();
        assertThat(empty.lastEventAt()).isNull();
        assertThat(empty.updatedAt()).isNull();
    }
}
