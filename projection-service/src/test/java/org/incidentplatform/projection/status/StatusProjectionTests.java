package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.operational;

import java.time.Instant;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.projection.status.StatusProjection.Outcome;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusProjectionTests {

    private final StatusProjection projection = new StatusProjection();
    private final GivenEvents given = AppliedEvents.to(projection);

    @BeforeEach
    void catalogue() {
        given.standardCatalogue();
    }

    @Test
    void sameEventDeliveredTwice_isAppliedOnce() {
        IncidentEvent declared = given.declared("inc-1", Impact.major, Map.of("web-app", major_outage))
                .event();
        StatusSnapshot before = projection.publish();

        assertThat(projection.apply(declared)).isFalse();
        assertThat(projection.offer(declared)).isEqualTo(Outcome.ALREADY_APPLIED);

        StatusSnapshot after = projection.publish();
        assertThat(after).isSameAs(before);
        assertThat(after.appliedEvents()).isEqualTo(5);
        assertThat(after.incident("inc-1").orElseThrow().updates()).hasSize(1);
    }

    @Test
    void olderEventRedeliveredAfterNewerOnes_changesNothing() {
        IncidentEvent declared = given.declared("inc-1", Impact.major, Map.of("web-app", major_outage))
                .event();
        IncidentEvent update = given.incident("inc-1")
                .updated(IncidentStatus.identified, Impact.critical, Map.of())
                .event();
        given.incident("inc-1").resolved();
        StatusSnapshot before = projection.publish();

        assertThat(projection.apply(update)).isFalse();
        assertThat(projection.apply(declared)).isFalse();

        StatusSnapshot after = projection.publish();
        assertThat(after).isSameAs(before);
        assertThat(after.incident("inc-1").orElseThrow().status()).isEqualTo(IncidentStatus.resolved);
        assertThat(after.component("web-app").orElseThrow().status()).isEqualTo(operational);
        assertThat(after.indicator()).isEqualTo(PageIndicator.none);
    }

    @Test
    void eventSkippingASequence_isReportedAsGap_andNotApplied() {
        given.declared("inc-1", Impact.major, Map.of("web-app", major_outage));
        GivenEvents undelivered = given.fork();
        IncidentEvent second = undelivered.incident("inc-1").updated(null).event();
        IncidentEvent third = undelivered.incident("inc-1").resolved().event();

        assertThat(projection.offer(third)).isEqualTo(Outcome.GAP);

        StatusSnapshot snapshot = projection.publish();
        assertThat(snapshot.version("inc-1")).isEqualTo(1);
        assertThat(snapshot.unresolvedIncidents()).hasSize(1);

        assertThat(projection.offer(second)).isEqualTo(Outcome.APPLIED);
        assertThat(projection.offer(third)).as("once the gap is filled").isEqualTo(Outcome.APPLIED);
        assertThat(projection.publish().unresolvedIncidents()).isEmpty();
    }

    @Test
    void eventForAStreamNeverStarted_takesItsSequence_butChangesNothing() {
        IncidentEvent orphan = given.fork().incident("inc-ghost").resolved().event();
        long applied = projection.publish().appliedEvents();

        assertThat(projection.offer(orphan)).isEqualTo(Outcome.INAPPLICABLE);

        StatusSnapshot snapshot = projection.publish();
        assertThat(snapshot.version("inc-ghost")).isEqualTo(1);
        assertThat(snapshot.incident("inc-ghost")).isEmpty();
        assertThat(snapshot.appliedEvents()).isEqualTo(applied);
    }

    @Test
    void snapshot_tracksVersionsCountAndTimesOfTheLatestEvent() {
        given.declared("inc-1", Impact.minor, Map.of());
        IncidentEvent latest =
                given.incident("inc-1").updated(IncidentStatus.identified).event();

        StatusSnapshot snapshot = projection.publish();

        assertThat(snapshot.appliedEvents()).isEqualTo(6);
        assertThat(snapshot.version("inc-1")).isEqualTo(2);
        assertThat(snapshot.version(GivenEvents.CATALOGUE)).isEqualTo(4);
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
        Instant now = given.now();
        given.declared("inc-now", Impact.minor, Map.of());
        Instant updatedBefore = projection.publish().updatedAt();
        Instant endedAt = Instant.parse("2026-01-01T11:00:00Z");
        IncidentEvent backfilled = given.at(endedAt)
                .backfilled("inc-old", Impact.minor, Instant.parse("2026-01-01T10:00:00Z"), endedAt, Map.of())
                .event();

        StatusSnapshot snapshot = projection.publish();

        assertThat(snapshot.lastEventAt()).isEqualTo(backfilled.getOccurredAt()).isBefore(now);
        assertThat(snapshot.lastRecordedAt())
                .isEqualTo(backfilled.getRecordedAt())
                .isBefore(now);
        assertThat(updatedBefore).isAfter(now);
        assertThat(snapshot.updatedAt()).isEqualTo(updatedBefore);
    }

    @Test
    void readers_seeOnlyPublishedSnapshots() {
        StatusSnapshot published = projection.publish();
        given.declared("inc-1", Impact.critical, Map.of());

        assertThat(projection.current()).isSameAs(published);
        assertThat(projection.current().unresolvedIncidents()).isEmpty();

        StatusSnapshot next = projection.publish();
        assertThat(projection.current()).isSameAs(next);
        assertThat(next.unresolvedIncidents()).hasSize(1);
        assertThat(projection.publish()).as("nothing new, nothing rebuilt").isSameAs(next);
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
