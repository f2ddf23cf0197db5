package org.incidentplatform.incident.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.incidentplatform.incident.domain.CatalogueCommand.AddComponent;
import org.incidentplatform.incident.domain.Catalogue;
import org.incidentplatform.incident.domain.ComponentStatus;
import org.incidentplatform.incident.domain.Impact;
import org.incidentplatform.incident.domain.IncidentCommand.DeclareIncident;
import org.incidentplatform.incident.domain.IncidentCommand.PostUpdate;
import org.incidentplatform.incident.domain.IncidentStatus;
import org.incidentplatform.incident.domain.MaintenanceCommand.ScheduleMaintenance;
import org.incidentplatform.incident.domain.Rejection;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The write pipeline on a real broker and registry, below the HTTP layer. */
@ExtendWith(LocalPlatformExtension.class)
@SpringBootTest(properties = {"STREAMS_STATE_DIR=target/streams-${random.uuid}",
        "incident-service.commands.maintenance-schedule-interval=200ms"})
@DirtiesContext
class CommandPipelineTests {

    @Autowired
    CommandGateway gateway;

    @Autowired
    StreamReader reader;

    @Test
    void declaredIncident_isAppendedWithSequenceOne_andReadBackInOrder() {
        String component = addComponent();
        String incident = "inc-" + UUID.randomUUID();

        CommandOutcome declared = submitUntilComponentKnown(incident, component);
        CommandOutcome updated = gateway.submit(request(StreamKind.INCIDENT, incident,
                new PostUpdate("Root cause found", IncidentStatus.IDENTIFIED, null, Map.of(), null), null, 1L));

        assertThat(declared).isInstanceOfSatisfying(CommandOutcome.Accepted.class, a -> {
            assertThat(a.version()).isEqualTo(1);
            assertThat(a.eventIds()).hasSize(1);
        });
        assertThat(updated).isInstanceOfSatisfying(CommandOutcome.Accepted.class,
                a -> assertThat(a.version()).isEqualTo(2));
        List<RecordedEvent> events = history(StreamKind.INCIDENT, incident).orElseThrow();
        assertThat(events).extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
        assertThat(events).extracting(RecordedEvent::type).containsExactly("IncidentDeclared", "IncidentUpdatePosted");
        assertThat(events.get(1).payload()).containsEntry("status", "identified");
        assertThat(events.get(0).actor()).isEqualTo("pipeline-test");
    }

    @Test
    void staleExpectedVersion_isAnsweredWithTheCurrentOne_andAppendsNothing() {
        String component = addComponent();
        String incident = "inc-" + UUID.randomUUID();
        submitUntilComponentKnown(incident, component);

        CommandOutcome stale = gateway.submit(request(StreamKind.INCIDENT, incident,
                new PostUpdate("late", null, null, Map.of(), null), null, 7L));

        assertThat(stale).isEqualTo(new CommandOutcome.VersionMismatch(7, 1));
        assertThat(history(StreamKind.INCIDENT, incident).orElseThrow()).hasSize(1);
    }

    @Test
    void retryUnderTheSameIdempotencyKey_getsTheFirstAnswer_andADifferentRequestUnderItIsRefused() {
        String component = addComponent();
        String incident = "inc-" + UUID.randomUUID();
        submitUntilComponentKnown(incident, component);
        PostUpdate update = new PostUpdate("Still looking", null, null, Map.of(), null);

        CommandOutcome first = gateway.submit(request(StreamKind.INCIDENT, incident, update, "key-1", null));
        CommandOutcome retry = gateway.submit(request(StreamKind.INCIDENT, incident, update, "key-1", null));
        CommandRequest different = new CommandRequest(StreamKind.INCIDENT, incident,
                new PostUpdate("Something else", null, null, Map.of(), null), "pipeline-test", "key-1", "other-hash",
                null, null);

        assertThat(first).isInstanceOfSatisfying(CommandOutcome.Accepted.class, a -> assertThat(a.replayed()).isFalse());
        assertThat(retry).isInstanceOfSatisfying(CommandOutcome.Accepted.class, a -> {
            assertThat(a.replayed()).isTrue();
            assertThat(a.version()).isEqualTo(((CommandOutcome.Accepted) first).version());
            assertThat(a.eventIds()).isEqualTo(((CommandOutcome.Accepted) first).eventIds());
        });
        assertThat(gateway.submit(different)).isEqualTo(new CommandOutcome.IdempotencyKeyReused("key-1"));
        assertThat(history(StreamKind.INCIDENT, incident).orElseThrow()).hasSize(2);
    }

    @Test
    void unknownComponent_isRejectedAsInvalid_andNothingIsAppended() {
        String incident = "inc-" + UUID.randomUUID();

        CommandOutcome outcome = gateway.submit(request(StreamKind.INCIDENT, incident, declare(incident, "no-such-thing"),
                null, null));

        assertThat(outcome).isInstanceOfSatisfying(CommandOutcome.Rejected.class,
                r -> assertThat(r.rejection().kind()).isEqualTo(Rejection.Kind.INVALID));
        assertThat(history(StreamKind.INCIDENT, incident)).isEmpty();
    }

    @Test
    void maintenanceWithAutomaticStartAndComplete_isStartedAndCompletedByTheSchedule() {
        String component = addComponent();
        String maintenance = "mnt-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ScheduleMaintenance schedule = new ScheduleMaintenance(maintenance, "Database upgrade", "Brief read-only mode",
                Map.of(component, ComponentStatus.UNDER_MAINTENANCE), now.plusMillis(500), now.plusMillis(1500), true,
                true, now);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                gateway.submit(request(StreamKind.MAINTENANCE, maintenance, schedule, null, null))
                        instanceof CommandOutcome.Accepted);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<RecordedEvent> events = history(StreamKind.MAINTENANCE, maintenance).orElseThrow();
            assertThat(events).extracting(RecordedEvent::type)
                    .containsExactly("MaintenanceScheduled", "MaintenanceStarted", "MaintenanceCompleted");
            assertThat(events.get(1).actor()).isEqualTo(CommandProcessor.SCHEDULER);
            assertThat(events.get(1).payload()).containsEntry("automatic", true);
            assertThat(events.get(1).occurredAt()).isAfterOrEqualTo(now.plusMillis(500));
            assertThat(events.get(2).occurredAt()).isAfterOrEqualTo(now.plusMillis(1500));
        });
    }

    /** The store answers 503-style while a rebalance moves partitions; a client would retry. */
    private Optional<List<RecordedEvent>> history(StreamKind kind, String stream) {
        return await().atMost(Duration.ofSeconds(20)).ignoreException(StreamsUnavailableException.class)
                .until(() -> reader.read(kind, stream), read -> true);
    }

    private String addComponent() {
        String id = "c-" + UUID.randomUUID().toString().substring(0, 8);
        CommandOutcome added = gateway.submit(request(StreamKind.CATALOGUE, Catalogue.STREAM_ID,
                new AddComponent(id, "Component " + id, null, null, 0, false, null), null, null));
        assertThat(added).isInstanceOf(CommandOutcome.Accepted.class);
        return id;
    }

    /** The catalogue reaches every partition's processor through a global store, a few milliseconds later. */
    private CommandOutcome submitUntilComponentKnown(String incident, String component) {
        CommandOutcome[] outcome = new CommandOutcome[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            outcome[0] = gateway.submit(request(StreamKind.INCIDENT, incident, declare(incident, component), null, null));
            return outcome[0] instanceof CommandOutcome.Accepted;
        });
        return outcome[0];
    }

    private static DeclareIncident declare(String incident, String component) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new DeclareIncident(incident, "Checkout failing", Impact.MAJOR, IncidentStatus.INVESTIGATING,
                "We are investigating", Map.of(component, ComponentStatus.PARTIAL_OUTAGE), null, null,
                "synthetic monitor", now);
    }

    private static CommandRequest request(StreamKind kind, String stream, Object command, String key, Long expected) {
        return new CommandRequest(kind, stream, command, "pipeline-test", key, key == null ? null : "hash-of-" + key,
                expected, UUID.randomUUID().toString());
    }
}
