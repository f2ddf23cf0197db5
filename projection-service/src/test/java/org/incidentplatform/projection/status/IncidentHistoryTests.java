package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.projection.status.StatusSnapshot.Incident;
import org.incidentplatform.projection.status.StatusSnapshot.IncidentDay;
import org.incidentplatform.projection.status.StatusSnapshot.IncidentPage;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;

class IncidentHistoryTests {

    private final StatusProjection projection = new StatusProjection();
    private final GivenEvents given = AppliedEvents.to(projection);

    /** inc-1 … inc-n, an hour apart, each resolved before the next begins. */
    private void resolvedIncidents(int count) {
        for (int i = 1; i <= count; i++) {
            given.declared("inc-" + i, Impact.minor, Map.of()).resolved();
            given.after(Duration.ofHours(1));
        }
    }

    @Test
    void incidentLists_areNewestFirst_unresolvedApart() {
        resolvedIncidents(2);
        given.declared("inc-open-1", Impact.minor, Map.of());
        given.declared("inc-open-2", Impact.major, Map.of());

        StatusSnapshot snapshot = projection.publish();

        assertThat(snapshot.incidents())
                .extracting(Incident::id)
                .containsExactly("inc-open-2", "inc-open-1", "inc-2", "inc-1");
        assertThat(snapshot.unresolvedIncidents()).extracting(Incident::id).containsExactly("inc-open-2", "inc-open-1");
        assertThat(snapshot.resolvedIncidents()).extracting(Incident::id).containsExactly("inc-2", "inc-1");
    }

    @Test
    void history_isPagedNewestFirst_andLeavesOutUnresolvedIncidents() {
        resolvedIncidents(5);
        given.declared("inc-open", Impact.major, Map.of());
        StatusSnapshot snapshot = projection.publish();

        IncidentPage first = snapshot.page(1, 2);
        IncidentPage last = snapshot.page(3, 2);
        IncidentPage beyond = snapshot.page(4, 2);

        assertThat(first.incidents()).extracting(Incident::id).containsExactly("inc-5", "inc-4");
        assertThat(first.totalIncidents()).isEqualTo(5);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(first.hasNext()).isTrue();
        assertThat(snapshot.page(2, 2).incidents()).extracting(Incident::id).containsExactly("inc-3", "inc-2");
        assertThat(last.incidents()).extracting(Incident::id).containsExactly("inc-1");
        assertThat(last.hasNext()).isFalse();
        assertThat(beyond.incidents()).isEmpty();
        assertThat(beyond.number()).isEqualTo(4);
    }

    @Test
    void page_refusesNumbersBelowOneAndEmptyPages() {
        StatusSnapshot snapshot = projection.publish();

        assertThatIllegalArgumentException().isThrownBy(() -> snapshot.page(0, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> snapshot.page(1, 0));
    }

    @Test
    void pastIncidents_areGroupedByUtcDayOfTheirStart_newestDayFirst_quietDaysIncluded() {
        given.at(Instant.parse("2026-03-01T23:58:00Z"))
                .declared("inc-late", Impact.minor, Map.of())
                .resolved();
        given.at(Instant.parse("2026-03-03T00:00:00Z")).declared("inc-midnight", Impact.minor, Map.of());
        given.declared("inc-morning", Impact.major, Map.of());
        given.at(Instant.parse("2026-02-20T08:00:00Z")).declared("inc-too-old", Impact.minor, Map.of());

        List<IncidentDay> days = projection.publish().pastIncidents(LocalDate.of(2026, 3, 4), 4);

        assertThat(days)
                .extracting(IncidentDay::day)
                .containsExactly(
                        LocalDate.of(2026, 3, 4),
                        LocalDate.of(2026, 3, 3),
                        LocalDate.of(2026, 3, 2),
                        LocalDate.of(2026, 3, 1));
        assertThat(days.get(0).incidents()).isEmpty();
        assertThat(days.get(1).incidents()).extracting(Incident::id).containsExactly("inc-morning", "inc-midnight");
        assertThat(days.get(2).incidents()).isEmpty();
        assertThat(days.get(3).incidents()).extracting(Incident::id).containsExactly("inc-late");
    }
}
