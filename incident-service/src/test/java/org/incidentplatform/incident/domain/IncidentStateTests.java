package org.incidentplatform.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.domain.IncidentStatus.IDENTIFIED;
import static org.incidentplatform.incident.domain.IncidentStatus.INVESTIGATING;
import static org.incidentplatform.incident.domain.IncidentStatus.MONITORING;
import static org.incidentplatform.incident.domain.IncidentStatus.RESOLVED;
import static org.incidentplatform.incident.domain.Incidents.T0;
import static org.incidentplatform.incident.domain.Incidents.at;
import static org.incidentplatform.incident.domain.Incidents.declared;
import static org.incidentplatform.incident.domain.Incidents.postmortem;
import static org.incidentplatform.incident.domain.Incidents.reopened;
import static org.incidentplatform.incident.domain.Incidents.resolved;
import static org.incidentplatform.incident.domain.Incidents.retracted;
import static org.incidentplatform.schemas.Vocabulary.ComponentStatus.MAJOR_OUTAGE;
import static org.incidentplatform.schemas.Vocabulary.ComponentStatus.OPERATIONAL;
import static org.incidentplatform.schemas.Vocabulary.ComponentStatus.PARTIAL_OUTAGE;

import java.util.List;
import java.util.Map;
import org.incidentplatform.incident.domain.IncidentEvent.ActionItemAdded;
import org.incidentplatform.incident.domain.IncidentEvent.ActionItemCompleted;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentResolved;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentUpdatePosted;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.Test;

class IncidentStateTests {

    @Test
    void initialState_isUndeclaredAtVersionZero() {
        var state = IncidentDecider.initialState();

        assertThat(state.isDeclared()).isFalse();
        assertThat(state.version()).isZero();
    }

    @Test
    void evolve_countsEveryEventInTheVersion() {
        var events = List.of(
                declared(),
                new IncidentUpdatePosted("m", IDENTIFIED, null, Map.of(), at(5)),
                resolved(30),
                postmortem(40),
                reopened(50),
                retracted(60));

        for (int i = 1; i <= events.size(); i++) {
            assertThat(IncidentDecider.replay(events.subList(0, i)).version()).isEqualTo(i);
        }
    }

    @Test
    void evolve_buildsStatusImpactComponentsAndTimes() {
        var state = IncidentDecider.replay(List.of(
                declared(),
                new IncidentUpdatePosted("m", MONITORING, Impact.CRITICAL, Map.of("api", MAJOR_OUTAGE), at(5)),
                new IncidentUpdatePosted("m", null, null, Map.of("web-app", OPERATIONAL), at(7))));

        assertThat(state.id()).isEqualTo("inc-1");
        assertThat(state.status()).isEqualTo(MONITORING);
        assertThat(state.impact()).isEqualTo(Impact.CRITICAL);
        assertThat(state.components())
                .containsExactlyInAnyOrderEntriesOf(Map.of("web-app", OPERATIONAL, "api", MAJOR_OUTAGE));
        assertThat(state.startedAt()).isEqualTo(T0);
        assertThat(state.lastOccurredAt()).isEqualTo(at(7));
        assertThat(state.version()).isEqualTo(3);
    }

    @Test
    void evolve_resolvesAndReopens() {
        var resolvedState = IncidentDecider.replay(
                List.of(declared(), new IncidentResolved("m", Map.of("web-app", OPERATIONAL), at(30))));
        var reopenedState = IncidentDecider.evolve(resolvedState, reopened(40));

        assertThat(resolvedState.status()).isEqualTo(RESOLVED);
        assertThat(resolvedState.components()).containsEntry("web-app", OPERATIONAL);
        assertThat(reopenedState.status()).isEqualTo(INVESTIGATING);
        assertThat(reopenedState.isResolved()).isFalse();
        assertThat(reopenedState.version()).isEqualTo(3);
    }

    @Test
    void evolve_marksRetraction() {
        assertThat(IncidentDecider.replay(List.of(declared(), retracted(5))).retracted())
                .isTrue();
    }

    @Test
    void evolve_tracksActionItems() {
        var state = IncidentDecider.replay(List.of(
                declared(),
                new ActionItemAdded("ai-1", "Canary", "ops", null, at(5)),
                new ActionItemAdded("ai-2", "Alert", null, null, at(6)),
                new ActionItemCompleted("ai-1", "done", at(7))));

        assertThat(state.actionItems()).containsOnlyKeys("ai-1", "ai-2");
        assertThat(state.actionItems().get("ai-1").completed()).isTrue();
        assertThat(state.actionItems().get("ai-2").completed()).isFalse();
    }

    @Test
    void evolve_leavesThePreviousStateUntouched() {
        var declaredState = IncidentDecider.replay(List.of(declared()));

        IncidentDecider.evolve(
                declaredState, new IncidentUpdatePosted("m", null, null, Map.of("api", PARTIAL_OUTAGE), at(5)));

        assertThat(declaredState.components()).containsOnlyKeys("web-app");
        assertThat(declaredState.version()).isEqualTo(1);
    }

    @Test
    void wireValues_areTheSymbolsOfTheEventSchema() {
        assertThat(List.of(IncidentStatus.values()))
                .extracting(IncidentStatus::wireValue)
                .containsExactly("investigating", "identified", "monitoring", "resolved", "postmortem");
        assertThat(List.of(Impact.values()))
                .extracting(Impact::wireValue)
                .containsExactly("none", "minor", "major", "critical", "maintenance");
        assertThat(List.of(ComponentStatus.values()))
                .extracting(ComponentStatus::wireValue)
                .containsExactly(
                        "operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance");
        assertThat(MaintenanceStatus.fromWireValue("in_progress")).isEqualTo(MaintenanceStatus.IN_PROGRESS);
    }
}
