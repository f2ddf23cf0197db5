package org.incidentplatform.incident.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.incident.domain.Catalogue;
import org.incidentplatform.incident.domain.CatalogueCommand.AddComponent;
import org.incidentplatform.incident.domain.Command;
import org.incidentplatform.incident.domain.IncidentCommand.DeclareIncident;
import org.incidentplatform.incident.domain.IncidentCommand.PostUpdate;
import org.incidentplatform.incident.domain.IncidentStatus;
import org.incidentplatform.incident.domain.MaintenanceCommand;
import org.incidentplatform.incident.domain.MaintenanceCommand.ScheduleMaintenance;
import org.incidentplatform.incident.domain.Rejection;
import org.incidentplatform.local.junit.EventLog;
import org.incidentplatform.local.junit.LocalPlatformExtension;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.incidentplatform.schemas.serde.AvroSerde;
import org.incidentplatform.service.PlatformProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.annotation.DirtiesContext;

/** The write pipeline on a real broker and registry, below the HTTP layer. */
@ExtendWith(LocalPlatformExtension.class)
@SpringBootTest(
        properties = {
            "STREAMS_STATE_DIR=target/streams-${random.uuid}",
            "incident-service.commands.maintenance-schedule-interval=200ms"
        })
@DirtiesContext
class CommandPipelineTests {

    /** Commands from this actor fail while their events are encoded, as a defect inside the processor would. */
    static final String BREAKS_THE_ENCODER = "encoder-breaker";

    @Autowired
    CommandGateway gateway;

    @Autowired
    StreamReader reader;

    @Autowired
    StreamsBuilderFactoryBean streams;

    /** Commands wait until the processor has restored its stores (the shared broker holds earlier classes' events). */
    @BeforeEach
    void processorRunning() {
        await().atMost(Duration.ofSeconds(90))
                .until(() -> streams.getKafkaStreams() != null
                        && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
    }

    @TestConfiguration
    static class FailureInjection {

        @Bean
        @Primary
        Serde<IncidentEvent> failingForOneActor(PlatformProperties platform) {
            AvroSerde<IncidentEvent> real = new AvroSerde<>();
            real.configure(
                    Map.of(
                            "schema.registry.url",
                            platform.schemaRegistryUrl().toString(),
                            "specific.avro.reader",
                            true),
                    false);
            Serializer<IncidentEvent> failing = (topic, event) -> {
                if (BREAKS_THE_ENCODER.equals(event.getActor())) {
                    throw new SerializationException("failure injected by the test");
                }
                return real.serializer().serialize(topic, event);
            };
            return Serdes.serdeFrom(failing, real.deserializer());
        }
    }

    @Test
    void aCommandThatFailsInsideTheProcessor_isAnsweredAsAFailure_andTheNextCommandIsDecided() {
        String component = addComponent();
        String incident = "inc-" + UUID.randomUUID();

        CommandOutcome failed = gateway.submit(new CommandRequest(
                incident,
                declare(incident, component),
                BREAKS_THE_ENCODER,
                null,
                null,
                null,
                UUID.randomUUID().toString()));
        CommandOutcome next = declareNaming(incident, component);

        assertThat(failed)
                .isInstanceOfSatisfying(
                        CommandOutcome.Failed.class,
                        f -> assertThat(f.reason()).contains("failure injected by the test"));
        assertThat(next)
                .isInstanceOfSatisfying(
                        CommandOutcome.Accepted.class,
                        a -> assertThat(a.version()).isEqualTo(1));
        assertThat(history(StreamKind.INCIDENT, incident).orElseThrow()).hasSize(1);
        assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    @Test
    void aMaintenanceCommandTheRulesRefuse_isAnsweredWithTheRefusal_notAsAFailure() {
        CommandOutcome outcome = gateway.submit(request(
                "mnt-" + UUID.randomUUID(),
                new MaintenanceCommand.StartMaintenance("Starting early", false, null),
                null,
                null));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        CommandOutcome.Rejected.class,
                        r -> assertThat(r.rejection().kind()).isEqualTo(Rejection.Kind.NOT_FOUND));
    }

    @Test
    void aComponentAddedThenNamedAtOnce_isKnown_fiftyTimesInARow() {
        for (int i = 0; i < 50; i++) {
            String incident = "inc-" + UUID.randomUUID();

            CommandOutcome declared = declareNaming(incident, addComponent());

            assertThat(declared).as("declaration %d", i).isInstanceOf(CommandOutcome.Accepted.class);
        }
    }

    @Test
    void anIncidentTakenTo2000UpdatesOf8KbMessages_acceptsEveryOne_keepsTheWholeLog_andASnapshotThatDoesNotGrow() {
        String component = addComponent();
        String incident = "inc-" + UUID.randomUUID();
        declareNaming(incident, component);
        String message = "x".repeat(8 * 1024);
        int snapshotAfterFirst = 0;

        for (int i = 1; i <= 2_000; i++) {
            CommandOutcome outcome =
                    gateway.submit(request(incident, new PostUpdate(message, null, null, Map.of(), null), null, null));
            long expected = i + 1L;
            assertThat(outcome)
                    .as("update %d", i)
                    .isInstanceOfSatisfying(
                            CommandOutcome.Accepted.class,
                            a -> assertThat(a.version()).isEqualTo(expected));
            if (i == 1) {
                snapshotAfterFirst = snapshot(incident).length;
            }
        }

        // The state deciding reads is the incident's snapshot, not its history: the same size after 2,000 updates.
        assertThat(snapshot(incident).length).isBetween(snapshotAfterFirst, snapshotAfterFirst + 8);
        List<Long> sequences = new ArrayList<>();
        long after = 0;
        while (true) {
            StreamReader.Page page = (StreamReader.Page) reader.read(StreamKind.INCIDENT, incident, after, 500);
            page.events().forEach(event -> sequences.add(event.sequence()));
            if (!page.more()) {
                break;
            }
            after = page.events().get(page.events().size() - 1).sequence();
        }
        assertThat(sequences).hasSize(2_001).doesNotHaveDuplicates().isSorted();
        assertThat(EventLog.of(LocalPlatformExtension.platform(), incident)).hasSize(2_001);
    }

    private byte[] snapshot(String stream) {
        KafkaStreams running = streams.getKafkaStreams();
        return running.store(StoreQueryParameters.fromNameAndType(
                                CommandProcessor.STATE_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())
                        .withPartition(Topics.INCIDENT_COMMANDS.partitionOf(stream)))
                .get(stream);
    }

    @Test
    void declaredIncident_isAppendedWithSequenceOne_andReadBackInOrder() {
        String component = addComponent();
        String incident = "inc-" + UUID.randomUUID();

        CommandOutcome declared = declareNaming(incident, component);
        CommandOutcome updated = gateway.submit(request(
                incident,
                new PostUpdate("Root cause found", IncidentStatus.IDENTIFIED, null, Map.of(), null),
                null,
                1L));

        assertThat(declared).isInstanceOfSatisfying(CommandOutcome.Accepted.class, a -> {
            assertThat(a.version()).isEqualTo(1);
            assertThat(a.eventIds()).hasSize(1);
        });
        assertThat(updated)
                .isInstanceOfSatisfying(
                        CommandOutcome.Accepted.class,
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
        declareNaming(incident, component);

        CommandOutcome stale =
                gateway.submit(request(incident, new PostUpdate("late", null, null, Map.of(), null), null, 7L));

        assertThat(stale).isEqualTo(new CommandOutcome.VersionMismatch(7, 1));
        assertThat(history(StreamKind.INCIDENT, incident).orElseThrow()).hasSize(1);
    }

    @Test
    void retryUnderTheSameIdempotencyKey_getsTheFirstAnswer_andADifferentRequestUnderItIsRefused() {
        String component = addComponent();
        String incident = "inc-" + UUID.randomUUID();
        declareNaming(incident, component);
        PostUpdate update = new PostUpdate("Still looking", null, null, Map.of(), null);

        CommandOutcome first = gateway.submit(request(incident, update, "key-1", null));
        CommandOutcome retry = gateway.submit(request(incident, update, "key-1", null));
        CommandRequest different = new CommandRequest(
                incident,
                new PostUpdate("Something else", null, null, Map.of(), null),
                "pipeline-test",
                "key-1",
                "other-hash",
                null,
                null);

        assertThat(first)
                .isInstanceOfSatisfying(
                        CommandOutcome.Accepted.class,
                        a -> assertThat(a.replayed()).isFalse());
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

        CommandOutcome outcome = gateway.submit(request(incident, declare(incident, "no-such-thing"), null, null));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        CommandOutcome.Rejected.class,
                        r -> assertThat(r.rejection().kind()).isEqualTo(Rejection.Kind.INVALID));
        assertThat(history(StreamKind.INCIDENT, incident)).isEmpty();
    }

    @Test
    void maintenanceWithAutomaticStartAndComplete_isStartedAndCompletedByTheSchedule() {
        String component = addComponent();
        String maintenance = "mnt-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ScheduleMaintenance schedule = new ScheduleMaintenance(
                maintenance,
                "Database upgrade",
                "Brief read-only mode",
                Map.of(component, ComponentStatus.UNDER_MAINTENANCE),
                now.plusMillis(500),
                now.plusMillis(1500),
                true,
                true,
                now);

        assertThat(gateway.submit(request(maintenance, schedule, null, null)))
                .isInstanceOf(CommandOutcome.Accepted.class);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<RecordedEvent> events =
                    history(StreamKind.MAINTENANCE, maintenance).orElseThrow();
            assertThat(events)
                    .extracting(RecordedEvent::type)
                    .containsExactly("MaintenanceScheduled", "MaintenanceStarted", "MaintenanceCompleted");
            assertThat(events.get(1).actor()).isEqualTo(CommandProcessor.SCHEDULER);
            assertThat(events.get(1).payload()).containsEntry("automatic", true);
            assertThat(events.get(1).occurredAt()).isAfterOrEqualTo(now.plusMillis(500));
            assertThat(events.get(2).occurredAt()).isAfterOrEqualTo(now.plusMillis(1500));
        });
    }

    /** The store answers 503-style while a rebalance moves partitions; a client would retry. */
    private Optional<List<RecordedEvent>> history(StreamKind kind, String stream) {
        StreamReader.Read read = await().atMost(Duration.ofSeconds(20))
                .ignoreException(StreamsUnavailableException.class)
                .until(() -> reader.read(kind, stream, 0, StreamReader.PAGE_MAX), any -> true);
        return read instanceof StreamReader.Page page ? Optional.of(page.events()) : Optional.empty();
    }

    private String addComponent() {
        String id = "c-" + UUID.randomUUID().toString().substring(0, 8);
        CommandOutcome added = gateway.submit(request(
                Catalogue.STREAM_ID, new AddComponent(id, "Component " + id, null, null, 0, false, null), null, null));
        assertThat(added).isInstanceOf(CommandOutcome.Accepted.class);
        return id;
    }

    /** A component answered accepted can be named by the very next command: no retry. */
    private CommandOutcome declareNaming(String incident, String component) {
        return gateway.submit(request(incident, declare(incident, component), null, null));
    }

    private static DeclareIncident declare(String incident, String component) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new DeclareIncident(
                incident,
                "Checkout failing",
                Impact.MAJOR,
                IncidentStatus.INVESTIGATING,
                "We are investigating",
                Map.of(component, ComponentStatus.PARTIAL_OUTAGE),
                null,
                null,
                "synthetic monitor",
                now);
    }

    private static CommandRequest request(String stream, Command command, String key, Long expected) {
        return new CommandRequest(
                stream,
                command,
                "pipeline-test",
                key,
                key == null ? null : "hash-of-" + key,
                expected,
                UUID.randomUUID().toString());
    }
}
