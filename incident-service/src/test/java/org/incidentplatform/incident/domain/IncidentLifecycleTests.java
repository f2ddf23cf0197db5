package org.incidentplatform.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.domain.Decisions.events;
import static org.incidentplatform.incident.domain.Decisions.rejection;
import static org.incidentplatform.incident.domain.IncidentStatus.IDENTIFIED;
import static org.incidentplatform.incident.domain.IncidentStatus.INVESTIGATING;
import static org.incidentplatform.incident.domain.IncidentStatus.MONITORING;
import static org.incidentplatform.incident.domain.IncidentStatus.POSTMORTEM;
import static org.incidentplatform.incident.domain.IncidentStatus.RESOLVED;
import static org.incidentplatform.incident.domain.Incidents.at;
import static org.incidentplatform.incident.domain.Incidents.decide;
import static org.incidentplatform.incident.domain.Incidents.declared;
import static org.incidentplatform.incident.domain.Incidents.postmortem;
import static org.incidentplatform.incident.domain.Incidents.reopened;
import static org.incidentplatform.incident.domain.Incidents.repeat;
import static org.incidentplatform.incident.domain.Incidents.resolved;
import static org.incidentplatform.incident.domain.Incidents.retracted;
import static org.incidentplatform.incident.domain.Incidents.update;
import static org.incidentplatform.incident.domain.Incidents.updated;
import static org.incidentplatform.incident.domain.Rejection.Kind.CONFLICT;
import static org.incidentplatform.incident.domain.Rejection.Kind.INVALID;
import static org.incidentplatform.incident.domain.Rejection.Kind.NOT_FOUND;
import static org.incidentplatform.schemas.Vocabulary.ComponentStatus.DEGRADED_PERFORMANCE;
import static org.incidentplatform.schemas.Vocabulary.ComponentStatus.OPERATIONAL;

import java.util.List;
import java.util.Map;
import org.incidentplatform.incident.domain.IncidentCommand.AddActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.CompleteActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.PostUpdate;
import org.incidentplatform.incident.domain.IncidentCommand.PublishPostmortem;
import org.incidentplatform.incident.domain.IncidentCommand.ReopenIncident;
import org.incidentplatform.incident.domain.IncidentCommand.ResolveIncident;
import org.incidentplatform.incident.domain.IncidentCommand.RetractIncident;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentReopened;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentResolved;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentRetracted;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentUpdatePosted;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.Test;

class IncidentLifecycleTests {

    private static List<IncidentCommand> everyCommandAt(long minute) {
        return List.of(
                update(MONITORING, minute),
                new ResolveIncident("Fixed.", Map.of(), at(minute)),
                new ReopenIncident("Again.", INVESTIGATING, Map.of(), at(minute)),
                new RetractIncident("Error.", at(minute)),
                new PublishPostmortem("body", "cause", List.of(), at(minute)),
                new AddActionItem("ai-1", "Add a canary", null, null, at(minute)),
                new CompleteActionItem("ai-1", null, at(minute)));
    }

    @Test
    void everyCommand_isRejected_whenIncidentNotDeclared() {
        for (IncidentCommand command : everyCommandAt(1)) {
            rejection(decide(command), NOT_FOUND);
        }
    }

    @Test
    void update_postsMessageStatusImpactAndComponents() {
        var command =
                new PostUpdate("Cause found.", IDENTIFIED, Impact.CRITICAL, Map.of("api", DEGRADED_PERFORMANCE), at(5));

        assertThat(events(decide(command, declared())))
                .containsExactly(new IncidentUpdatePosted(
                        "Cause found.", IDENTIFIED, Impact.CRITICAL, Map.of("api", DEGRADED_PERFORMANCE), at(5)));
    }

    @Test
    void update_recordsUnchangedStatusAndImpactAsNull() {
        var command = new PostUpdate("Still looking.", INVESTIGATING, Impact.MAJOR, Map.of(), at(5));

        assertThat(events(decide(command, declared())))
                .containsExactly(new IncidentUpdatePosted("Still looking.", null, null, Map.of(), at(5)));
    }

    @Test
    void update_maySkipStatuses() {
        assertThat(events(decide(update(MONITORING, 5), declared()))).containsExactly(updated(MONITORING, 5));
    }

    @Test
    void update_isRejected_whenStatusMovesBack() {
        var rejection = rejection(decide(update(IDENTIFIED, 10), declared(), updated(MONITORING, 5)), CONFLICT);

        assertThat(rejection.reason()).contains("from monitoring to identified");
    }

    @Test
    void update_toResolved_resolvesTheIncident() {
        var command = new PostUpdate("All good.", RESOLVED, null, Map.of("web-app", OPERATIONAL), at(30));

        assertThat(events(decide(command, declared())))
                .containsExactly(new IncidentResolved("All good.", Map.of("web-app", OPERATIONAL), at(30)));
    }

    @Test
    void update_toResolved_isRejected_whenItAlsoChangesImpact() {
        var command = new PostUpdate("All good.", RESOLVED, Impact.MINOR, Map.of(), at(30));

        rejection(decide(command, declared()), INVALID, "impact");
    }

    @Test
    void update_toPostmortem_isRejected_beforeResolution() {
        rejection(decide(update(POSTMORTEM, 5), declared()), CONFLICT);
    }

    @Test
    void update_isRejected_whenIncidentResolved() {
        rejection(decide(update(MONITORING, 40), declared(), resolved(30)), CONFLICT);
        rejection(decide(update(RESOLVED, 40), declared(), resolved(30)), CONFLICT);
        rejection(decide(update(null, 50), declared(), resolved(30), postmortem(40)), CONFLICT);
    }

    @Test
    void update_isRejected_whenIncidentRetracted() {
        assertThat(rejection(decide(update(IDENTIFIED, 20), declared(), retracted(10)), CONFLICT)
                        .reason())
                .contains("retracted");
    }

    @Test
    void update_isRejected_whenEarlierThanPreviousEvent() {
        rejection(decide(update(MONITORING, 9), declared(), updated(IDENTIFIED, 10)), INVALID, "occurredAt");
    }

    @Test
    void update_atTheSameTimeAsPreviousEvent_isAccepted() {
        assertThat(events(decide(update(MONITORING, 10), declared(), updated(IDENTIFIED, 10))))
                .hasSize(1);
    }

    @Test
    void update_isRejected_forUnknownComponent() {
        var command = new PostUpdate("m", null, null, Map.of("billing", OPERATIONAL), at(5));

        assertThat(rejection(decide(command, declared()), INVALID, "components").reason())
                .contains("unknown component");
    }

    @Test
    void update_isRejected_withoutMessage() {
        rejection(decide(new PostUpdate(" ", IDENTIFIED, null, Map.of(), at(5)), declared()), INVALID, "message");
        rejection(decide(new PostUpdate(null, IDENTIFIED, null, Map.of(), at(5)), declared()), INVALID, "message");
        rejection(decide(new PostUpdate(repeat(10_001), null, null, Map.of(), at(5)), declared()), INVALID, "message");
    }

    @Test
    void update_isRejected_forMaintenanceImpact() {
        rejection(
                decide(new PostUpdate("m", null, Impact.MAINTENANCE, Map.of(), at(5)), declared()), INVALID, "impact");
    }

    @Test
    void update_withNoComponents_isAccepted() {
        assertThat(events(decide(new PostUpdate("m", null, null, null, at(5)), declared())))
                .containsExactly(new IncidentUpdatePosted("m", null, null, Map.of(), at(5)));
    }

    @Test
    void resolve_resolvesAnOpenIncident() {
        var command = new ResolveIncident("Fixed.", Map.of("web-app", OPERATIONAL), at(30));

        assertThat(events(decide(command, declared(), updated(MONITORING, 20))))
                .containsExactly(new IncidentResolved("Fixed.", Map.of("web-app", OPERATIONAL), at(30)));
    }

    @Test
    void resolve_isRejected_whenAlreadyResolved() {
        var command = new ResolveIncident("Fixed.", Map.of(), at(40));

        rejection(decide(command, declared(), resolved(30)), CONFLICT);
        rejection(decide(command, declared(), resolved(30), postmortem(35)), CONFLICT);
    }

    @Test
    void resolve_isRejected_whenEarlierThanPreviousEvent() {
        rejection(
                decide(new ResolveIncident("Fixed.", Map.of(), at(5)), declared(), updated(MONITORING, 20)),
                INVALID,
                "occurredAt");
    }

    @Test
    void resolve_isRejected_forUnknownComponent() {
        rejection(
                decide(new ResolveIncident("Fixed.", Map.of("billing", OPERATIONAL), at(5)), declared()),
                INVALID,
                "components");
    }

    @Test
    void reopen_reopensAResolvedIncident() {
        var command = new ReopenIncident("Errors are back.", IDENTIFIED, Map.of("api", DEGRADED_PERFORMANCE), at(40));

        assertThat(events(decide(command, declared(), resolved(30))))
                .containsExactly(new IncidentReopened(
                        "Errors are back.", IDENTIFIED, Map.of("api", DEGRADED_PERFORMANCE), at(40)));
    }

    @Test
    void reopen_reopensAnIncidentInPostmortem() {
        var command = new ReopenIncident("Errors are back.", MONITORING, Map.of(), at(50));

        assertThat(events(decide(command, declared(), resolved(30), postmortem(40))))
                .hasSize(1);
    }

    @Test
    void reopen_isRejected_whenIncidentNotResolved() {
        rejection(decide(new ReopenIncident("m", INVESTIGATING, Map.of(), at(5)), declared()), CONFLICT);
    }

    @Test
    void reopen_isRejected_toResolvedOrPostmortem() {
        rejection(
                decide(new ReopenIncident("m", RESOLVED, Map.of(), at(40)), declared(), resolved(30)),
                INVALID,
                "status");
        rejection(
                decide(new ReopenIncident("m", POSTMORTEM, Map.of(), at(40)), declared(), resolved(30)),
                INVALID,
                "status");
        rejection(decide(new ReopenIncident("m", null, Map.of(), at(40)), declared(), resolved(30)), INVALID, "status");
    }

    @Test
    void reopen_isRejected_whenEarlierThanResolution() {
        rejection(
                decide(new ReopenIncident("m", INVESTIGATING, Map.of(), at(20)), declared(), resolved(30)),
                INVALID,
                "occurredAt");
    }

    @Test
    void reopenedIncident_takesUpdatesAndResolvesAgain() {
        assertThat(events(decide(update(MONITORING, 50), declared(), resolved(30), reopened(40))))
                .hasSize(1);
        assertThat(events(decide(
                        new ResolveIncident("Fixed.", Map.of(), at(60)), declared(), resolved(30), reopened(40))))
                .containsExactly(new IncidentResolved("Fixed.", Map.of(), at(60)));
    }

    @Test
    void reopenedIncident_statusMayNotGoBackBelowTheReopenStatus() {
        var reopenedAsMonitoring = new IncidentReopened("m", MONITORING, Map.of(), at(40));

        rejection(decide(update(INVESTIGATING, 50), declared(), resolved(30), reopenedAsMonitoring), CONFLICT);
    }

    @Test
    void retract_retractsAnOpenIncident() {
        assertThat(events(decide(new RetractIncident("False alarm.", at(5)), declared())))
                .containsExactly(new IncidentRetracted("False alarm.", at(5)));
    }

    @Test
    void retract_isRejected_withoutReason() {
        rejection(decide(new RetractIncident(" ", at(5)), declared()), INVALID, "reason");
    }

    @Test
    void retract_retractsAResolvedIncident_foundToBeAFalseAlarmAfterwards() {
        assertThat(events(decide(new RetractIncident("It was the monitor.", at(40)), declared(), resolved(30))))
                .containsExactly(new IncidentRetracted("It was the monitor.", at(40)));
    }

    @Test
    void retractedIncident_acceptsNothing() {
        for (IncidentCommand command : everyCommandAt(20)) {
            rejection(decide(command, declared(), retracted(10)), CONFLICT);
        }
        rejection(decide(Incidents.declare(INVESTIGATING), declared(), retracted(10)), CONFLICT);
    }

    @Test
    void resolvedIncident_acceptsOnlyReopenRetractionPostmortemAndActionItems() {
        IncidentEvent[] given = {declared(), resolved(30)};

        rejection(decide(update(null, 40), given), CONFLICT);
        rejection(decide(new ResolveIncident("m", Map.of(), at(40)), given), CONFLICT);
        assertThat(events(decide(new RetractIncident("m", at(40)), given))).hasSize(1);
        assertThat(events(decide(new ReopenIncident("m", INVESTIGATING, Map.of(), at(40)), given)))
                .hasSize(1);
        assertThat(events(decide(new PublishPostmortem("b", "c", List.of(), at(40)), given)))
                .hasSize(1);
        assertThat(events(decide(new AddActionItem("ai-1", "t", null, null, at(40)), given)))
                .hasSize(1);
    }
}
