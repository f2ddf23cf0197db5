package org.incidentplatform.schemas.given;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.partial_outage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.junit.jupiter.api.Test;

/** What the given-events builder promises every module's tests: sequences, times and ids as incident-service's. */
class GivenEventsTests {

    private final GivenEvents given = new GivenEvents();

    @Test
    void eachEvent_isTheNextOfItsStream_aMinuteAfterThePreviousOfTheLog_recordedTwoSecondsLater() {
        given.standardCatalogue();
        IncidentEvent declared = given.declared("inc-1", Impact.major, Map.of("api", partial_outage))
                .event();
        IncidentEvent updated =
                given.incident("inc-1").updated(IncidentStatus.identified).event();

        assertThat(given.events())
                .extracting(event -> event.getIncidentId() + "/" + event.getSequence())
                .containsExactly("catalogue/1", "catalogue/2", "catalogue/3", "catalogue/4", "inc-1/1", "inc-1/2");
        assertThat(declared.getOccurredAt()).isEqualTo(GivenEvents.START.plus(Duration.ofMinutes(5)));
        assertThat(declared.getRecordedAt()).isEqualTo(declared.getOccurredAt().plusSeconds(2));
        assertThat(updated.getOccurredAt())
                .isEqualTo(given.now())
                .isEqualTo(declared.getOccurredAt().plusSeconds(60));
        assertThat(((IncidentUpdatePosted) updated.getPayload()).getMessage()).isEqualTo("Update 2 on inc-1");
        assertThat(given.version("inc-1")).isEqualTo(2);
        assertThat(given.version("inc-2")).isZero();
    }

    @Test
    void atAndAfter_sayWhenTheNextEventHappens() {
        Instant at = Instant.parse("2024-05-02T10:00:00Z");

        IncidentEvent declared =
                given.at(at).declared("inc-1", Impact.minor, Map.of()).event();
        IncidentEvent resolved =
                given.incident("inc-1").after(Duration.ofMinutes(29)).resolved().event();

        assertThat(declared.getOccurredAt()).isEqualTo(at);
        assertThat(((IncidentDeclared) declared.getPayload()).getStartedAt()).isEqualTo(at);
        assertThat(resolved.getOccurredAt()).isEqualTo(at.plus(Duration.ofMinutes(30)));
    }

    @Test
    void theSameStory_givesEqualEvents() {
        GivenEvents again = new GivenEvents();

        given.declared("inc-1", Impact.minor, Map.of()).resolved();
        again.declared("inc-1", Impact.minor, Map.of()).resolved();

        assertThat(again.events()).isEqualTo(given.events());
    }

    @Test
    void backfilledDeclaration_happenedWhenItEnded_butIsRecordedAtTheLogsTime() {
        Instant startedAt = Instant.parse("2026-01-01T10:00:00Z");
        Instant endedAt = Instant.parse("2026-01-01T11:00:00Z");

        IncidentEvent written = given.backfilled(
                        "inc-old", Impact.major, startedAt, endedAt, Map.of("api", major_outage))
                .event();

        IncidentDeclared declaration = (IncidentDeclared) written.getPayload();
        assertThat(declaration.getBackfilled()).isTrue();
        assertThat(declaration.getStatus()).isEqualTo(IncidentStatus.resolved);
        assertThat(declaration.getStartedAt()).isEqualTo(startedAt);
        assertThat(written.getOccurredAt()).isEqualTo(endedAt);
        assertThat(written.getRecordedAt())
                .isEqualTo(given.now().plusSeconds(2))
                .isAfter(endedAt);
    }

    @Test
    void declaration_saysWhatDiffersFromTheDefaults() {
        Instant began = Instant.parse("2026-03-02T08:45:00Z");

        IncidentDeclared declared = (IncidentDeclared) given.declared(
                        "inc-1",
                        GivenEvents.declaration(Impact.minor, Map.of())
                                .titled("Slow API")
                                .in(IncidentStatus.identified)
                                .startedAt(began))
                .event()
                .getPayload();

        assertThat(declared.getTitle()).isEqualTo("Slow API");
        assertThat(declared.getMessage()).isEqualTo("We are investigating inc-1");
        assertThat(declared.getStatus()).isEqualTo(IncidentStatus.identified);
        assertThat(declared.getStartedAt()).isEqualTo(began);
        assertThat(declared.getDetectedAt()).isEqualTo(given.now());
    }

    @Test
    void readers_areGivenEachEventAsItIsAppended_andTakeNewHandsOverWhatCameSince() {
        List<IncidentEvent> read = new ArrayList<>();
        given.onEach(read::add).standardCatalogue();
        List<IncidentEvent> first = given.takeNew();
        given.declared("inc-1", Impact.minor, Map.of());

        assertThat(read).isEqualTo(given.events()).hasSize(5);
        assertThat(first).hasSize(4);
        assertThat(given.takeNew()).containsExactly(given.incident("inc-1").event());
        assertThat(given.takeNew()).isEmpty();
    }

    @Test
    void fork_goesOnFromHere_tellingNobody_andLeavingTheLogAsItWas() {
        List<IncidentEvent> read = new ArrayList<>();
        given.onEach(read::add).declared("inc-1", Impact.minor, Map.of());

        IncidentEvent third =
                given.fork().incident("inc-1").updated(null).resolved().event();

        assertThat(third.getSequence()).isEqualTo(3);
        assertThat(read).hasSize(1);
        assertThat(given.events()).hasSize(1);
        assertThat(given.incident("inc-1").updated(null).event().getSequence()).isEqualTo(2);
    }

    @Test
    void eventsHappeningNow_takeTheWallClock_andFreshIds() {
        Instant before = Instant.now().minusMillis(1);
        GivenEvents live = GivenEvents.happeningNow();

        IncidentEvent declared = live.declared("inc-1", Impact.minor, Map.of()).event();
        IncidentEvent heartbeat = live.heartbeat("incident-service@test", 1);

        assertThat(declared.getOccurredAt()).isAfter(before).isEqualTo(declared.getRecordedAt());
        assertThat(heartbeat.getSequence()).isEqualTo(1);
        assertThat(new GivenEvents()
                        .declared("inc-1", Impact.minor, Map.of())
                        .event()
                        .getEventId())
                .isNotEqualTo(declared.getEventId());
        assertThatThrownBy(() -> live.at(before)).isInstanceOf(IllegalStateException.class);
    }
}
