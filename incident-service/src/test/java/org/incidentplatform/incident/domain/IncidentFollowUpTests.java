package org.incidentplatform.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.domain.Decisions.events;
import static org.incidentplatform.incident.domain.Decisions.rejection;
import static org.incidentplatform.incident.domain.IncidentStatus.INVESTIGATING;
import static org.incidentplatform.incident.domain.IncidentStatus.MONITORING;
import static org.incidentplatform.incident.domain.IncidentStatus.POSTMORTEM;
import static org.incidentplatform.incident.domain.IncidentStatus.RESOLVED;
import static org.incidentplatform.incident.domain.Incidents.T0;
import static org.incidentplatform.incident.domain.Incidents.at;
import static org.incidentplatform.incident.domain.Incidents.decide;
import static org.incidentplatform.incident.domain.Incidents.declared;
import static org.incidentplatform.incident.domain.Incidents.postmortem;
import static org.incidentplatform.incident.domain.Incidents.repeat;
import static org.incidentplatform.incident.domain.Incidents.resolved;
import static org.incidentplatform.incident.domain.Incidents.update;
import static org.incidentplatform.incident.domain.Incidents.updated;
import static org.incidentplatform.incident.domain.Rejection.Kind.CONFLICT;
import static org.incidentplatform.incident.domain.Rejection.Kind.INVALID;
import static org.incidentplatform.incident.domain.Rejection.Kind.NOT_FOUND;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.incidentplatform.incident.domain.IncidentCommand.AddActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.CompleteActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.PublishPostmortem;
import org.incidentplatform.incident.domain.IncidentCommand.ReopenIncident;
import org.incidentplatform.incident.domain.IncidentEvent.ActionItemAdded;
import org.incidentplatform.incident.domain.IncidentEvent.ActionItemCompleted;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentDeclared;
import org.incidentplatform.incident.domain.IncidentEvent.PostmortemPublished;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.Test;

class IncidentFollowUpTests {

    private static final LocalDate DUE = LocalDate.of(2026, 4, 1);

    private static ActionItemAdded actionItemAdded(long minute) {
        return new ActionItemAdded("ai-1", "Add a canary stage", "platform team", DUE, at(minute));
    }

    private static IncidentDeclared backfilled() {
        return new IncidentDeclared(
                "inc-1",
                "Login outage",
                Impact.MAJOR,
                RESOLVED,
                "Written up afterwards.",
                Map.of(),
                at(-90),
                at(-80),
                null,
                true,
                T0);
    }

    @Test
    void postmortem_isPublished_forResolvedIncident_andMovesItToPostmortem() {
        var command = new PublishPostmortem("# Timeline", "A bad deploy.", List.of("no canary", "late alert"), at(60));

        var events = events(decide(command, declared(), resolved(30)));
        var state = IncidentDecider.replay(List.of(declared(), resolved(30), events.get(0)));

        assertThat(events)
                .containsExactly(new PostmortemPublished(
                        "# Timeline", "A bad deploy.", List.of("no canary", "late alert"), at(60)));
        assertThat(state.status()).isEqualTo(POSTMORTEM);
        assertThat(state.postmortemPublished()).isTrue();
    }

    @Test
    void postmortem_isRejected_beforeResolution() {
        rejection(decide(new PublishPostmortem("b", "c", List.of(), at(10)), declared()), CONFLICT);
        rejection(
                decide(new PublishPostmortem("b", "c", List.of(), at(10)), declared(), updated(MONITORING, 5)),
                CONFLICT);
    }

    @Test
    void postmortem_canBeRevised_onceInPostmortem() {
        assertThat(events(decide(
                        new PublishPostmortem("v2", "c", List.of(), at(50)), declared(), resolved(30), postmortem(40))))
                .hasSize(1);
    }

    @Test
    void postmortem_isRejected_withoutBodyOrRootCause() {
        rejection(
                decide(new PublishPostmortem(" ", "c", List.of(), at(40)), declared(), resolved(30)), INVALID, "body");
        rejection(
                decide(new PublishPostmortem("b", null, List.of(), at(40)), declared(), resolved(30)),
                INVALID,
                "rootCause");
        rejection(
                decide(new PublishPostmortem(repeat(100_001), "c", List.of(), at(40)), declared(), resolved(30)),
                INVALID,
                "body");
        rejection(
                decide(new PublishPostmortem("b", "c", List.of(""), at(40)), declared(), resolved(30)),
                INVALID,
                "contributingFactors");
    }

    @Test
    void postmortem_withoutFactors_hasAnEmptyList() {
        var published = (PostmortemPublished)
                events(decide(new PublishPostmortem("b", "c", null, at(40)), declared(), resolved(30)))
                        .get(0);

        assertThat(published.contributingFactors()).isEmpty();
    }

    @Test
    void postmortem_isRejected_whenEarlierThanPreviousEvent() {
        rejection(
                decide(new PublishPostmortem("b", "c", List.of(), at(20)), declared(), resolved(30)),
                INVALID,
                "occurredAt");
    }

    @Test
    void actionItem_isAdded_toOpenAndResolvedIncidents() {
        var command = new AddActionItem("ai-1", "Add a canary stage", "platform team", DUE, at(60));

        assertThat(events(decide(command, declared()))).containsExactly(actionItemAdded(60));
        assertThat(events(decide(command, declared(), resolved(30)))).containsExactly(actionItemAdded(60));
        assertThat(events(decide(command, declared(), resolved(30), postmortem(40))))
                .containsExactly(actionItemAdded(60));
    }

    @Test
    void actionItem_isRejected_whenIdIsTaken() {
        rejection(
                decide(new AddActionItem("ai-1", "Again", null, null, at(70)), declared(), actionItemAdded(60)),
                CONFLICT);
    }

    @Test
    void actionItem_isRejected_withoutIdOrTitle() {
        rejection(decide(new AddActionItem(" ", "t", null, null, at(5)), declared()), INVALID, "actionItemId");
        rejection(decide(new AddActionItem("ai-1", null, null, null, at(5)), declared()), INVALID, "title");
    }

    @Test
    void actionItem_isCompleted() {
        assertThat(events(decide(
                        new CompleteActionItem("ai-1", "Canary added.", at(90)),
                        declared(),
                        resolved(30),
                        actionItemAdded(60))))
                .containsExactly(new ActionItemCompleted("ai-1", "Canary added.", at(90)));
    }

    @Test
    void actionItem_completing_isRejected_whenUnknown() {
        rejection(decide(new CompleteActionItem("ai-2", null, at(90)), declared(), actionItemAdded(60)), NOT_FOUND);
    }

    @Test
    void actionItem_completing_isRejected_whenAlreadyCompleted() {
        rejection(
                decide(
                        new CompleteActionItem("ai-1", null, at(100)),
                        declared(),
                        actionItemAdded(60),
                        new ActionItemCompleted("ai-1", null, at(90))),
                CONFLICT);
    }

    @Test
    void actionItem_completing_isRejected_whenEarlierThanPreviousEvent() {
        rejection(
                decide(new CompleteActionItem("ai-1", null, at(50)), declared(), actionItemAdded(60)),
                INVALID,
                "occurredAt");
    }

    @Test
    void backfilledIncident_takesPostmortemAndActionItems() {
        assertThat(events(decide(new PublishPostmortem("b", "c", List.of(), at(10)), backfilled())))
                .hasSize(1);
        assertThat(events(decide(new AddActionItem("ai-1", "t", null, null, at(10)), backfilled())))
                .hasSize(1);
    }

    @Test
    void backfilledIncident_refusesUpdatesAndASecondResolution() {
        rejection(decide(update(MONITORING, 10), backfilled()), CONFLICT);
        rejection(decide(update(RESOLVED, 10), backfilled()), CONFLICT);
    }

    @Test
    void backfilledIncident_canBeReopened() {
        assertThat(events(decide(new ReopenIncident("Not over.", INVESTIGATING, Map.of(), at(10)), backfilled())))
                .hasSize(1);
    }

    @Test
    void backfilledIncident_laterEvents_mayNotPrecedeItsDeclaration() {
        rejection(decide(new AddActionItem("ai-1", "t", null, null, at(-1)), backfilled()), INVALID, "occurredAt");
    }
}
