package org.incidentplatform.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.domain.Decisions.events;
import static org.incidentplatform.incident.domain.Decisions.rejection;
import static org.incidentplatform.incident.domain.IncidentStatus.IDENTIFIED;
import static org.incidentplatform.incident.domain.IncidentStatus.INVESTIGATING;
import static org.incidentplatform.incident.domain.IncidentStatus.POSTMORTEM;
import static org.incidentplatform.incident.domain.IncidentStatus.RESOLVED;
import static org.incidentplatform.incident.domain.Incidents.T0;
import static org.incidentplatform.incident.domain.Incidents.at;
import static org.incidentplatform.incident.domain.Incidents.decide;
import static org.incidentplatform.incident.domain.Incidents.declare;
import static org.incidentplatform.incident.domain.Incidents.declared;
import static org.incidentplatform.incident.domain.Incidents.repeat;
import static org.incidentplatform.incident.domain.Rejection.Kind.CONFLICT;
import static org.incidentplatform.incident.domain.Rejection.Kind.INVALID;
import static org.incidentplatform.schemas.Vocabulary.ComponentStatus.MAJOR_OUTAGE;
import static org.incidentplatform.schemas.Vocabulary.ComponentStatus.PARTIAL_OUTAGE;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.incidentplatform.incident.domain.IncidentCommand.DeclareIncident;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentDeclared;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.Test;

class IncidentDeclarationTests {

    @Test
    void declare_defaultsStartedAndDetectedAtToOccurredAt() {
        assertThat(events(decide(declare(INVESTIGATING)))).containsExactly(declared());
    }

    @Test
    void declare_keepsGivenTimesAndDetector() {
        var command = new DeclareIncident(
                "inc-1",
                "Checkout errors",
                Impact.CRITICAL,
                IDENTIFIED,
                "Known cause.",
                Map.of("api", MAJOR_OUTAGE),
                at(-30),
                at(-10),
                "synthetic monitor",
                T0);

        assertThat(events(decide(command)))
                .containsExactly(new IncidentDeclared(
                        "inc-1",
                        "Checkout errors",
                        Impact.CRITICAL,
                        IDENTIFIED,
                        "Known cause.",
                        Map.of("api", MAJOR_OUTAGE),
                        at(-30),
                        at(-10),
                        "synthetic monitor",
                        false,
                        T0));
    }

    @Test
    void declare_startsImpactAtDetection_whenOnlyDetectedAtIsGiven() {
        var command =
                new DeclareIncident("inc-1", "t", Impact.MINOR, INVESTIGATING, "m", Map.of(), null, at(-5), null, T0);

        var declared = (IncidentDeclared) events(decide(command)).get(0);

        assertThat(declared.startedAt()).isEqualTo(at(-5));
        assertThat(declared.detectedAt()).isEqualTo(at(-5));
    }

    @Test
    void declare_cutsTimesToMilliseconds_asTheLogStoresThem() {
        var command = new DeclareIncident(
                "inc-1", "t", Impact.MINOR, INVESTIGATING, "m", Map.of(), null, null, null, T0.plusNanos(1_234_567));

        assertThat(events(decide(command)).get(0).occurredAt()).isEqualTo(T0.plusMillis(1));
    }

    @Test
    void declare_isRejected_whenAlreadyDeclared() {
        rejection(decide(declare(INVESTIGATING), declared()), CONFLICT);
    }

    @Test
    void declare_isRejected_forUnknownComponent() {
        var command = new DeclareIncident(
                "inc-1",
                "t",
                Impact.MINOR,
                INVESTIGATING,
                "m",
                Map.of("billing", PARTIAL_OUTAGE),
                null,
                null,
                null,
                T0);

        assertThat(rejection(decide(command), INVALID, "components").reason()).contains("unknown component 'billing'");
    }

    @Test
    void declare_isRejected_forComponentWithoutStatus() {
        var components = new HashMap<String, ComponentStatus>();
        components.put("api", null);

        rejection(
                decide(new DeclareIncident(
                        "inc-1", "t", Impact.MINOR, INVESTIGATING, "m", components, null, null, null, T0)),
                INVALID,
                "components");
    }

    @Test
    void declare_isRejected_forMaintenanceImpact() {
        rejection(decide(withImpact(Impact.MAINTENANCE)), INVALID, "impact");
    }

    @Test
    void declare_acceptsEveryIncidentImpact() {
        for (Impact impact : new Impact[] {Impact.NONE, Impact.MINOR, Impact.MAJOR, Impact.CRITICAL}) {
            assertThat(events(decide(withImpact(impact)))).hasSize(1);
        }
    }

    @Test
    void declare_isRejected_inPostmortemStatus() {
        rejection(decide(declare(POSTMORTEM)), INVALID, "status");
    }

    @Test
    void declare_isRejected_whenRequiredFieldIsMissing() {
        rejection(
                decide(new DeclareIncident(" ", "t", Impact.MINOR, INVESTIGATING, "m", Map.of(), null, null, null, T0)),
                INVALID,
                "incidentId");
        rejection(
                decide(new DeclareIncident("inc-1", "t", null, INVESTIGATING, "m", Map.of(), null, null, null, T0)),
                INVALID,
                "impact");
        rejection(
                decide(new DeclareIncident("inc-1", "t", Impact.MINOR, null, "m", Map.of(), null, null, null, T0)),
                INVALID,
                "status");
        rejection(
                decide(new DeclareIncident(
                        "inc-1", "t", Impact.MINOR, INVESTIGATING, "m", Map.of(), null, null, null, null)),
                INVALID,
                "occurredAt");
    }

    @Test
    void declare_isRejected_whenTitleIsBlankOrTooLong() {
        rejection(decide(withTitle("  ")), INVALID, "title");
        rejection(decide(withTitle(repeat(201))), INVALID, "title");
        assertThat(events(decide(withTitle(repeat(200))))).hasSize(1);
    }

    @Test
    void declare_isRejected_whenMessageIsBlankOrTooLong() {
        rejection(decide(withMessage("")), INVALID, "message");
        rejection(decide(withMessage(repeat(10_001))), INVALID, "message");
        assertThat(events(decide(withMessage(repeat(10_000))))).hasSize(1);
    }

    @Test
    void declare_isRejected_whenImpactStartsAfterDeclaration() {
        rejection(decide(withTimes(at(1), null)), INVALID, "startedAt");
    }

    @Test
    void declare_isRejected_whenDetectedBeforeImpactStarted() {
        assertThat(rejection(decide(withTimes(at(-10), at(-20))), INVALID, "detectedAt")
                        .reason())
                .contains("before startedAt");
    }

    @Test
    void declare_isRejected_whenDetectedAfterDeclaration() {
        rejection(decide(withTimes(at(-10), at(5))), INVALID, "detectedAt");
    }

    @Test
    void declare_alreadyResolved_isBackfilled() {
        var command = new DeclareIncident(
                "inc-1",
                "Login outage",
                Impact.MAJOR,
                RESOLVED,
                "Written up afterwards.",
                Map.of("web-app", MAJOR_OUTAGE),
                at(-90),
                at(-80),
                "customer report",
                T0);

        var declared = (IncidentDeclared) events(decide(command)).get(0);
        var state = IncidentDecider.evolve(IncidentDecider.initialState(), declared);

        assertThat(declared.backfilled()).isTrue();
        assertThat(declared.startedAt()).isEqualTo(at(-90));
        assertThat(state.status()).isEqualTo(RESOLVED);
        assertThat(state.isResolved()).isTrue();
        assertThat(state.version()).isEqualTo(1);
    }

    @Test
    void declare_alreadyResolved_isRejected_withoutStartedAt() {
        rejection(decide(declare(RESOLVED)), INVALID, "startedAt");
    }

    @Test
    void declare_notResolved_isNotBackfilled() {
        assertThat(((IncidentDeclared)
                                events(decide(withTimes(at(-60), at(-30)))).get(0))
                        .backfilled())
                .isFalse();
    }

    private static DeclareIncident withImpact(Impact impact) {
        return new DeclareIncident("inc-1", "t", impact, INVESTIGATING, "m", Map.of(), null, null, null, T0);
    }

    private static DeclareIncident withTitle(String title) {
        return new DeclareIncident("inc-1", title, Impact.MINOR, INVESTIGATING, "m", Map.of(), null, null, null, T0);
    }

    private static DeclareIncident withMessage(String message) {
        return new DeclareIncident("inc-1", "t", Impact.MINOR, INVESTIGATING, message, Map.of(), null, null, null, T0);
    }

    private static DeclareIncident withTimes(Instant startedAt, Instant detectedAt) {
        return new DeclareIncident(
                "inc-1", "t", Impact.MINOR, INVESTIGATING, "m", Map.of(), startedAt, detectedAt, null, T0);
    }
}
