package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.incidentplatform.events.ComponentStatus.major_outage;
import static org.incidentplatform.events.ComponentStatus.partial_outage;
import static org.incidentplatform.events.ComponentStatus.under_maintenance;
import static org.incidentplatform.events.IncidentStatus.identified;
import static org.incidentplatform.events.IncidentStatus.investigating;
import static org.incidentplatform.projection.analytics.AnalyticsLog.t;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.analytics.Analytics.Outcome;
import org.junit.jupiter.api.Test;

class AnalyticsTests {

    private static final Instant AT = t("2024-05-02T10:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2024-05-02");

    private final AnalyticsLog log = new AnalyticsLog();

    private void someHistory() {
        log.component("web", "core", t("2024-04-01T00:00:00Z"));
        log.declare("inc-1", AT, investigating, Impact.major, Map.of("web", partial_outage));
        log.update("inc-1", AT.plusSeconds(600), identified, Impact.critical, Map.of("web", major_outage));
        log.resolve("inc-1", AT.plusSeconds(1800));
        log.reopen("inc-1", AT.plusSeconds(2400), investigating, Map.of("web", partial_outage));
        log.schedule("mnt-1", AT, Map.of("web", under_maintenance));
        log.start("mnt-1", AT.plusSeconds(3600));
        log.resolve("inc-1", AT.plusSeconds(4000));
        log.complete("mnt-1", AT.plusSeconds(7200));
        log.declare("inc-2", AT.plusSeconds(9000), investigating, Impact.minor, Map.of("api", major_outage));
    }

    private String answers(Analytics analytics) {
        return AnalyticsPropertyTests.answers(analytics, List.of("web", "api"), List.of(List.of("web", "api")), DAY, DAY,
                t("2024-05-03T00:00:00Z"));
    }

    @Test
    void everyEventRedelivered_inAnyOrder_changesNothing() {
        someHistory();
        String before = answers(log.analytics);
        List<IncidentEvent> redelivered = new ArrayList<>(log.events);
        Collections.reverse(redelivered);

        for (IncidentEvent event : redelivered) {
            assertThat(log.analytics.offer(event)).isEqualTo(Outcome.ALREADY_APPLIED);
            assertThat(log.analytics.apply(event)).isFalse();
        }

        assertThat(answers(log.analytics)).isEqualTo(before);
        assertThat(log.analytics.incident("inc-1").orElseThrow().timeToResolve()).isEqualTo(4000);
    }

    @Test
    void rebuildingFromTheLog_givesIdenticalAnswers() {
        someHistory();

        assertThat(answers(log.replay())).isEqualTo(answers(log.analytics));
    }

    @Test
    void eventSkippingASequence_isReportedAsGap_andNotApplied() {
        log.declare("inc-1", AT, investigating, Impact.major, Map.of());
        IncidentEvent third = AnalyticsLog.envelope("inc-1", 3, AT.plusSeconds(600), AT,
                AnalyticsLog.resolved(Map.of()));

        assertThat(log.analytics.offer(third)).isEqualTo(Outcome.GAP);
        assertThat(log.analytics.incident("inc-1").orElseThrow().open()).isTrue();
        assertThat(log.analytics.appliedSequence("inc-1")).isEqualTo(1);

        log.update("inc-1", AT.plusSeconds(300), identified);
        assertThat(log.analytics.offer(third)).isEqualTo(Outcome.APPLIED);
        assertThat(log.analytics.incident("inc-1").orElseThrow().timeToResolve()).isEqualTo(600);
    }

    @Test
    void eventOfAnIncidentNeverDeclared_isInapplicable_butTakesItsSequence() {
        IncidentEvent update = AnalyticsLog.envelope("ghost", 1, AT, AT,
                AnalyticsLog.updated(identified, null, Map.of()));

        assertThat(log.analytics.offer(update)).isEqualTo(Outcome.INAPPLICABLE);
        assertThat(log.analytics.appliedSequence("ghost")).isEqualTo(1);
        assertThat(log.analytics.incidents()).isEmpty();
    }

    @Test
    void secondDeclarationOfAStream_isInapplicable_andChangesNothing() {
        log.declare("inc-1", AT, investigating, Impact.major, Map.of());
        IncidentEvent again = AnalyticsLog.envelope("inc-1", 2, AT.plusSeconds(60), AT,
                AnalyticsLog.declared(AT.minusSeconds(3600), AT, identified, Impact.minor, Map.of(), false));

        assertThat(log.analytics.offer(again)).isEqualTo(Outcome.INAPPLICABLE);
        IncidentDurations incident = log.analytics.incident("inc-1").orElseThrow();
        assertThat(incident.startedAt()).isEqualTo(AT);
        assertThat(incident.timeToIdentify()).isNull();
    }

    @Test
    void maintenanceEventAfterCompletion_isInapplicable_andTakesNoComponentAgain() {
        log.component("web", null, t("2024-04-01T00:00:00Z"));
        log.schedule("mnt-1", AT, Map.of("web", under_maintenance));
        log.start("mnt-1", AT.plusSeconds(600));
        log.complete("mnt-1", AT.plusSeconds(1200));
        IncidentEvent lateStart = AnalyticsLog.envelope("mnt-1", 4, AT.plusSeconds(1800), AT, AnalyticsLog.started());

        assertThat(log.analytics.offer(lateStart)).isEqualTo(Outcome.INAPPLICABLE);
        assertThat(log.analytics.uptime("web", DAY, DAY, t("2024-05-03T00:00:00Z")).days().get(0)
                .maintenanceMinutes()).isEqualTo(10.0);
    }

    @Test
    void partialWeightOutsideZeroToOne_isRefused() {
        assertThatThrownBy(() -> new Analytics(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Analytics(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
