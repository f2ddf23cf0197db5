package org.incidentplatform.incident.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.incidentplatform.events.ActionItemAdded;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.PostmortemPublished;
import org.incidentplatform.incident.domain.CatalogueEvent;
import org.incidentplatform.incident.domain.IncidentEvent;
import org.incidentplatform.incident.domain.IncidentStatus;
import org.incidentplatform.incident.domain.MaintenanceEvent;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.schemas.serde.AvroDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Simple names such as {@code IncidentDeclared} are the Avro payloads; domain records are written
 * through their sealed interface; {@code IncidentEvent} is the domain's, the Avro envelope is fully qualified.
 */
class EventPayloadsTests {

    private static final String INCIDENT_ID = "inc-2026-0042";
    private static final String MAINTENANCE_ID = "mnt-2026-0007";
    private static final String CATALOGUE_ID = "catalogue";
    /** Whole milliseconds, the precision of timestamp-millis in the log. */
    private static final Instant T0 = Instant.parse("2026-03-02T09:15:00.123Z");

    @BeforeAll
    static void trustTheEventClasses() {
        // Avro decodes into the generated classes only once told to trust their package.
        AvroDeserializer.trustEventClasses();
    }

    private static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    /** Insertion order deliberately not alphabetical, so a HashMap or TreeMap would show. */
    private static Map<String, ComponentStatus> components() {
        Map<String, ComponentStatus> components = new LinkedHashMap<>();
        components.put("web-app", ComponentStatus.PARTIAL_OUTAGE);
        components.put("api", ComponentStatus.MAJOR_OUTAGE);
        components.put("zz-db", ComponentStatus.DEGRADED_PERFORMANCE);
        components.put("cdn", ComponentStatus.UNDER_MAINTENANCE);
        components.put("billing", ComponentStatus.OPERATIONAL);
        return components;
    }

    /** Every field set, for each of the 22 event types, then variants with the nullable fields null. */
    static Stream<Arguments> events() {
        List<Object> events = List.of(
                // Incident stream, every field set.
                new IncidentEvent.IncidentDeclared(
                        INCIDENT_ID,
                        "Checkout failing",
                        Impact.MAJOR,
                        IncidentStatus.INVESTIGATING,
                        "We are investigating failed checkouts.",
                        components(),
                        at(-600),
                        at(-300),
                        "synthetic monitor",
                        true,
                        at(0)),
                new IncidentEvent.IncidentUpdatePosted(
                        "Cause identified.", IncidentStatus.IDENTIFIED, Impact.CRITICAL, components(), at(60)),
                new IncidentEvent.IncidentResolved("All good again.", components(), at(120)),
                new IncidentEvent.IncidentReopened(
                        "Errors are back.", IncidentStatus.MONITORING, components(), at(180)),
                new IncidentEvent.IncidentRetracted("Declared in error.", at(240)),
                new IncidentEvent.PostmortemPublished(
                        "# Postmortem\n\nDetails.",
                        "An expired certificate.",
                        List.of("no expiry alert", "manual rotation", "no expiry alert"),
                        at(300)),
                new IncidentEvent.ActionItemAdded(
                        "ai-1", "Alert on certificate expiry", "sre-team", LocalDate.of(2026, 4, 30), at(360)),
                new IncidentEvent.ActionItemCompleted("ai-1", "Alert added to the monitoring stack.", at(420)),
                // Maintenance stream, every field set.
                new MaintenanceEvent.MaintenanceScheduled(
                        MAINTENANCE_ID,
                        "Database upgrade",
                        "We will upgrade the primary database.",
                        components(),
                        at(3_600),
                        at(7_200),
                        true,
                        true,
                        at(0)),
                new MaintenanceEvent.MaintenanceStarted("Started.", true, at(3_600)),
                new MaintenanceEvent.MaintenanceUpdatePosted("Halfway there.", at(4_000)),
                new MaintenanceEvent.MaintenanceVerifying("Verifying.", at(5_000)),
                new MaintenanceEvent.MaintenanceCompleted("Done.", true, at(7_200)),
                new MaintenanceEvent.MaintenanceCancelled("Cancelled.", at(100)),
                // Catalogue stream, every field set.
                new CatalogueEvent.ComponentAdded(
                        "web-app", "Web app", "The customer web app.", "frontend", 3, true, at(0)),
                new CatalogueEvent.ComponentRenamed("web-app", "Web application", at(1)),
                new CatalogueEvent.ComponentDescribed("web-app", "Where customers shop.", at(2)),
                new CatalogueEvent.ComponentMovedToGroup("web-app", "edge", 7, at(3)),
                new CatalogueEvent.ComponentRemoved("web-app", at(4)),
                new CatalogueEvent.ComponentGroupAdded("frontend", "Frontend", "User-facing services.", 2, at(5)),
                new CatalogueEvent.ComponentGroupRenamed("frontend", "Front end", at(6)),
                new CatalogueEvent.ComponentGroupRemoved("frontend", at(7)),

                // Nullable fields null, empty maps and lists, false flags, zero positions.
                new IncidentEvent.IncidentDeclared(
                        INCIDENT_ID,
                        "Minor blip",
                        Impact.NONE,
                        IncidentStatus.RESOLVED,
                        "Back-filled.",
                        Map.of(),
                        at(-60),
                        at(-30),
                        null,
                        false,
                        at(0)),
                new IncidentEvent.IncidentUpdatePosted("Still looking.", null, null, Map.of(), at(60)),
                new IncidentEvent.IncidentUpdatePosted("Impact only.", null, Impact.MINOR, null, at(61)),
                new IncidentEvent.IncidentResolved("Resolved.", Map.of(), at(120)),
                new IncidentEvent.PostmortemPublished("Body", "Root cause", List.of(), at(300)),
                new IncidentEvent.ActionItemAdded("ai-2", "Write a runbook", null, null, at(360)),
                new IncidentEvent.ActionItemCompleted("ai-2", null, at(420)),
                new MaintenanceEvent.MaintenanceScheduled(
                        MAINTENANCE_ID,
                        "Network work",
                        "Switch swap.",
                        Map.of(),
                        at(3_600),
                        at(7_200),
                        false,
                        false,
                        at(0)),
                new MaintenanceEvent.MaintenanceStarted("Started by hand.", false, at(3_600)),
                new MaintenanceEvent.MaintenanceCompleted("Completed by hand.", false, at(7_200)),
                new CatalogueEvent.ComponentAdded("api", "API", null, null, 0, false, at(0)),
                new CatalogueEvent.ComponentDescribed("api", null, at(1)),
                new CatalogueEvent.ComponentMovedToGroup("api", null, 0, at(2)),
                new CatalogueEvent.ComponentGroupAdded("backend", "Backend", null, 0, at(3)));
        return events.stream().map(e -> Arguments.of(e.getClass().getSimpleName(), e));
    }

    private static String streamIdOf(Object domainEvent) {
        if (domainEvent instanceof IncidentEvent.IncidentDeclared e) {
            return e.incidentId();
        }
        if (domainEvent instanceof MaintenanceEvent.MaintenanceScheduled e) {
            return e.maintenanceId();
        }
        if (domainEvent instanceof IncidentEvent) {
            return INCIDENT_ID;
        }
        if (domainEvent instanceof MaintenanceEvent) {
            return MAINTENANCE_ID;
        }
        return CATALOGUE_ID;
    }

    /** The payload as the first event of its stream, happening at {@code occurredAt}. */
    private static org.incidentplatform.events.IncidentEvent envelope(
            String streamId, SpecificRecord payload, Instant occurredAt) {
        return new GivenEvents().at(occurredAt).append(streamId, payload);
    }

    private static org.incidentplatform.events.IncidentEvent envelopeOf(Object domainEvent) {
        return envelope(
                streamIdOf(domainEvent), EventPayloads.toAvro(domainEvent), EventPayloads.occurredAt(domainEvent));
    }

    /** Through the bytes, as the log stores them. */
    private static org.incidentplatform.events.IncidentEvent viaBytes(
            org.incidentplatform.events.IncidentEvent envelope) throws IOException {
        ByteBuffer bytes =
                org.incidentplatform.events.IncidentEvent.getEncoder().encode(envelope);
        return org.incidentplatform.events.IncidentEvent.getDecoder().decode(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void roundTripIsLossless(String type, Object domainEvent) {
        Object back = EventPayloads.toDomain(envelopeOf(domainEvent));

        assertThat(back).isEqualTo(domainEvent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void roundTripThroughTheLogsBytesIsLossless(String type, Object domainEvent) throws IOException {
        Object back = EventPayloads.toDomain(viaBytes(envelopeOf(domainEvent)));

        assertThat(back).isEqualTo(domainEvent);
    }

    @Test
    void everyDomainEventTypeIsCovered() {
        Set<Class<?>> all = Stream.of(IncidentEvent.class, MaintenanceEvent.class, CatalogueEvent.class)
                .flatMap(type -> Arrays.stream(type.getPermittedSubclasses()))
                .collect(Collectors.toSet());
        Set<Class<?>> covered =
                events().map(arguments -> arguments.get()[1].getClass()).collect(Collectors.toSet());

        assertThat(all).hasSize(22);
        assertThat(covered).isEqualTo(all);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void kindOfFollowsTheDomainStream(String type, Object domainEvent) {
        StreamKind expected = domainEvent instanceof IncidentEvent
                ? StreamKind.INCIDENT
                : domainEvent instanceof MaintenanceEvent ? StreamKind.MAINTENANCE : StreamKind.CATALOGUE;

        assertThat(EventPayloads.kindOf(EventPayloads.toAvro(domainEvent))).isEqualTo(expected);
    }

    @Test
    void kindOfEachStream() {
        assertThat(EventPayloads.kindOf(EventPayloads.toAvro(new IncidentEvent.IncidentRetracted("oops", T0))))
                .isEqualTo(StreamKind.INCIDENT);
        assertThat(EventPayloads.kindOf(EventPayloads.toAvro(new MaintenanceEvent.MaintenanceCancelled("off", T0))))
                .isEqualTo(StreamKind.MAINTENANCE);
        assertThat(EventPayloads.kindOf(EventPayloads.toAvro(new CatalogueEvent.ComponentRemoved("api", T0))))
                .isEqualTo(StreamKind.CATALOGUE);
    }

    @Test
    void declarationMapsToAvroFieldByField() {
        IncidentEvent.IncidentDeclared declared = new IncidentEvent.IncidentDeclared(
                INCIDENT_ID,
                "Checkout failing",
                Impact.CRITICAL,
                IncidentStatus.IDENTIFIED,
                "Investigating.",
                components(),
                at(-600),
                at(-300),
                "customer report",
                true,
                at(0));

        IncidentDeclared avro = (IncidentDeclared) EventPayloads.toAvro(declared);

        assertThat(avro.getTitle()).isEqualTo("Checkout failing");
        assertThat(avro.getImpact().name()).isEqualTo("critical");
        assertThat(avro.getStatus().name()).isEqualTo("identified");
        assertThat(avro.getMessage()).isEqualTo("Investigating.");
        assertThat(avro.getComponents().get("web-app").name()).isEqualTo("partial_outage");
        assertThat(avro.getComponents().get("zz-db").name()).isEqualTo("degraded_performance");
        assertThat(avro.getComponents().get("cdn").name()).isEqualTo("under_maintenance");
        assertThat(avro.getComponents().keySet()).containsExactly("web-app", "api", "zz-db", "cdn", "billing");
        assertThat(avro.getStartedAt()).isEqualTo(at(-600));
        assertThat(avro.getDetectedAt()).isEqualTo(at(-300));
        assertThat(avro.getDetectedBy()).isEqualTo("customer report");
        assertThat(avro.getBackfilled()).isTrue();
        assertThat(EventPayloads.occurredAt(declared)).isEqualTo(at(0));
    }

    @Test
    void componentOrderSurvivesTheWayBack() {
        IncidentEvent.IncidentResolved resolved = new IncidentEvent.IncidentResolved("ok", components(), T0);

        IncidentEvent.IncidentResolved back =
                (IncidentEvent.IncidentResolved) EventPayloads.toDomain(envelopeOf(resolved));

        assertThat(back.components().keySet()).containsExactly("web-app", "api", "zz-db", "cdn", "billing");
    }

    @Test
    void updateWithoutStatusOrImpactHasNullsInAvro() {
        IncidentUpdatePosted avro = (IncidentUpdatePosted)
                EventPayloads.toAvro(new IncidentEvent.IncidentUpdatePosted("still looking", null, null, Map.of(), T0));

        assertThat(avro.getStatus()).isNull();
        assertThat(avro.getImpact()).isNull();
        assertThat(avro.getComponents()).isEmpty();
    }

    @Test
    void otherPayloadFields() {
        ActionItemAdded item = (ActionItemAdded) EventPayloads.toAvro(
                new IncidentEvent.ActionItemAdded("ai-1", "Rotate certs", "sre", LocalDate.of(2026, 4, 30), T0));
        assertThat(item.getDueDate()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(item.getOwner()).isEqualTo("sre");

        PostmortemPublished postmortem = (PostmortemPublished) EventPayloads.toAvro(
                new IncidentEvent.PostmortemPublished("body", "cause", List.of("b", "a", "b"), T0));
        assertThat(postmortem.getContributingFactors()).containsExactly("b", "a", "b");

        MaintenanceScheduled scheduled =
                (MaintenanceScheduled) EventPayloads.toAvro(new MaintenanceEvent.MaintenanceScheduled(
                        MAINTENANCE_ID,
                        "t",
                        "m",
                        Map.of("db", ComponentStatus.UNDER_MAINTENANCE),
                        at(10),
                        at(20),
                        true,
                        false,
                        T0));
        assertThat(scheduled.getComponents().get("db").name()).isEqualTo("under_maintenance");
        assertThat(scheduled.getScheduledFor()).isEqualTo(at(10));
        assertThat(scheduled.getScheduledUntil()).isEqualTo(at(20));
        assertThat(scheduled.getAutoStart()).isTrue();
        assertThat(scheduled.getAutoComplete()).isFalse();
    }

    @Test
    void streamIdsComeFromTheEnvelope() {
        IncidentEvent.IncidentDeclared declared = (IncidentEvent.IncidentDeclared) EventPayloads.toDomain(envelope(
                "inc-other",
                EventPayloads.toAvro(new IncidentEvent.IncidentDeclared(
                        INCIDENT_ID,
                        "t",
                        Impact.MINOR,
                        IncidentStatus.INVESTIGATING,
                        "m",
                        Map.of(),
                        T0,
                        T0,
                        null,
                        false,
                        T0)),
                at(9)));
        MaintenanceEvent.MaintenanceScheduled scheduled =
                (MaintenanceEvent.MaintenanceScheduled) EventPayloads.toDomain(envelope(
                        "mnt-other",
                        EventPayloads.toAvro(new MaintenanceEvent.MaintenanceScheduled(
                                MAINTENANCE_ID, "t", "m", Map.of(), T0, T0, false, false, T0)),
                        at(9)));

        assertThat(declared.incidentId()).isEqualTo("inc-other");
        assertThat(declared.occurredAt()).isEqualTo(at(9));
        assertThat(scheduled.maintenanceId()).isEqualTo("mnt-other");
        assertThat(scheduled.occurredAt()).isEqualTo(at(9));
    }

    @Test
    void unknownTypesAreRejected() {
        assertThatThrownBy(() -> EventPayloads.toAvro("not an event")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPayloads.toAvro(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPayloads.occurredAt(42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPayloads.kindOf("not a payload")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPayloads.kindOf(new IncidentEvent.IncidentRetracted("domain, not Avro", T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPayloads.toDomain(envelope(
                        INCIDENT_ID,
                        envelope(INCIDENT_ID, EventPayloads.toAvro(new IncidentEvent.IncidentRetracted("r", T0)), T0),
                        T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
