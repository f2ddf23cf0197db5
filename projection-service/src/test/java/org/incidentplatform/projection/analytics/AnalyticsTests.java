package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.ComponentStatus.under_maintenance;
import static org.incidentplatform.events.IncidentStatus.identified;
import static org.incidentplatform.events.IncidentStatus.investigating;
import static org.incidentplatform.projection.analytics.Times.t;
import static org.incidentplatform.schemas.given.GivenEvents.declaration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.analytics.Analytics.Outcome;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;

class AnalyticsTests {

    private static final Instant AT = t("2024-05-02T10:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2024-05-02");

    private final Analytics analytics = new Analytics();
    private final GivenEvents given = AppliedEvents.to(analytics);

    private void someHistory() {
        given.at(t("2024-04-01T00:00:00Z")).catalogue().componentAdded("web", "Web", "core", 0);
        given.at(AT)
                .declared("inc-1", Impact.major, Map.of("web", partial_outage))
                .at(AT.plusSeconds(600))
                .updated(identified, Impact.critical, Map.of("web", major_outage))
                .at(AT.plusSeconds(1800))
                .resolved()
                .at(AT.plusSeconds(2400))
                .reopened(investigating, Map.of("web", partial_outage));
        given.at(AT)
                .scheduled("mnt-1", Map.of("web", under_maintenance))
                .at(AT.plusSeconds(3600))
                .started();
        given.at(AT.plusSeconds(4000)).incident("inc-1").resolved();
        given.at(AT.plusSeconds(7200)).maintenance("mnt-1").completed();
        given.at(AT.plusSeconds(9000)).declared("inc-2", Impact.minor, Map.of("api", major_outage));
    }

    private String answers(Analytics analytics) {
        return AnalyticsPropertyTests.answers(
                analytics, List.of("web", "api"), List.of(List.of("web", "api")), DAY, DAY, t("2024-05-03T00:00:00Z"));
    }

    @Test
    void everyEventRedelivered_inAnyOrder_changesNothing() {
        someHistory();
        String before = answers(analytics);
        List<IncidentEvent> redelivered = new ArrayList<>(given.events());
        Collections.reverse(redelivered);

        for (IncidentEvent event : redelivered) {
            assertThat(analytics.offer(event)).isEqualTo(Outcome.ALREADY_APPLIED);
            assertThat(analytics.apply(event)).isFalse();
        }

        assertThat(answers(analytics)).isEqualTo(before);
        assertThat(analytics.incident("inc-1").orElseThrow().timeToResolve()).isEqualTo(4000);
    }

    @Test
    void rebuildingFromTheLog_givesIdenticalAnswers() {
        someHistory();

        Analytics rebuilt = new Analytics();
        given.events().forEach(rebuilt::apply);

        assertThat(answers(rebuilt)).isEqualTo(answers(analytics));
    }

    @Test
    void eventSkippingASequence_isReportedAsGap_andNotApplied() {
        given.at(AT).declared("inc-1", Impact.major, Map.of());
        GivenEvents ahead = given.fork();
        ahead.at(AT.plusSeconds(300)).incident("inc-1").updated(identified);
        IncidentEvent third =
                ahead.at(AT.plusSeconds(600)).incident("inc-1").resolved().event();

        assertThat(analytics.offer(third)).isEqualTo(Outcome.GAP);
        assertThat(analytics.incident("inc-1").orElseThrow().open()).isTrue();
        assertThat(analytics.appliedSequence("inc-1")).isEqualTo(1);

        given.at(AT.plusSeconds(300)).incident("inc-1").updated(identified);
        assertThat(analytics.offer(third)).isEqualTo(Outcome.APPLIED);
        assertThat(analytics.incident("inc-1").orElseThrow().timeToResolve()).isEqualTo(600);
    }

    @Test
    void eventOfAnIncidentNeverDeclared_isInapplicable_butTakesItsSequence() {
        IncidentEvent update =
                given.fork().at(AT).incident("ghost").updated(identified).event();

        assertThat(analytics.offer(update)).isEqualTo(Outcome.INAPPLICABLE);
        assertThat(analytics.appliedSequence("ghost")).isEqualTo(1);
        assertThat(analytics.incidents()).isEmpty();
    }

    @Test
    void secondDeclarationOfAStream_isInapplicable_andChangesNothing() {
        given.at(AT).declared("inc-1", Impact.major, Map.of());
        IncidentEvent again = given.fork()
                .at(AT.plusSeconds(60))
                .declared(
                        "inc-1",
                        declaration(Impact.minor, Map.of())
                                .startedAt(AT.minusSeconds(3600))
                                .detectedAt(AT)
                                .in(identified))
                .event();

        assertThat(analytics.offer(again)).isEqualTo(Outcome.INAPPLICABLE);
        IncidentDurations incident = analytics.incident("inc-1").orElseThrow();
        assertThat(incident.startedAt()).isEqualTo(AT);
        assertThat(incident.timeToIdentify()).isNull();
    }

    @Test
    void maintenanceEventAfterCompletion_isInapplicable_andTakesNoComponentAgain() {
        given.at(t("2024-04-01T00:00:00Z")).catalogue().componentAdded("web", "Web", null, 0);
        given.at(AT)
                .scheduled("mnt-1", Map.of("web", under_maintenance))
                .at(AT.plusSeconds(600))
                .started()
                .at(AT.plusSeconds(1200))
                .completed();
        IncidentEvent lateStart = given.fork()
                .at(AT.plusSeconds(1800))
                .maintenance("mnt-1")
                .started()
                .event();

        assertThat(analytics.offer(lateStart)).isEqualTo(Outcome.INAPPLICABLE);
        assertThat(analytics
                        .uptime("web", DAY, DAY, t("2024-05-03T00:00:00Z"))
                        .days()
                        .get(0)
                        .maintenanceMinutes())
                .isEqualTo(10.0);
    }

    @Test
    void partialWeightOutsideZeroToOne_isRefused() {
        assertThatThrownBy(() -> new Analytics(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Analytics(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
