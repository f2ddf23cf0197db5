package org.incidentplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.localstack.Eventually.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.local.junit.EventLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records no consumer can read, written into incident-events by a raw producer beside
 * incident-service: garbage, an unknown schema id, and truncated Avro under a real schema id, on
 * a live incident's key and on the catalogue's reserved key (which incident-service's view of the
 * known components reads). Each must be dead-lettered once with its reason, and every service
 * must carry on with what follows.
 */
@Tag("faults")
@Tag("ci")
class PoisonRecordFaultTests {

    private static final String EVENTS = "incident-events";
    private static final String DEAD_LETTERS = "incident-events-dlt";
    private static final Pattern UNREADABLE =
            Pattern.compile("notification_unreadable_events_total\\{[^}]*reason=\"([a-z-]+)\"[^}]*} ([0-9.eE+]+)");

    @TempDir
    Path dataDir;

    private record Poison(String name, String key, byte[] value, String reason, String metricReason) {}

    @Test
    void poisonRecords_areDeadLetteredOnceWithTheirReason_andEveryServiceCarriesOn() throws Exception {
        long started = System.nanoTime();
        try (FaultStack stack = FaultStack.start(dataDir);
                SubscriberEndpoint hook =
                        SubscriberEndpoint.start("subscriber", SubscriberEndpoint.Behaviour.HEALTHY)) {
            stack.start(FaultStack.INCIDENT);
            stack.start(FaultStack.PROJECTION);
            stack.start(FaultStack.NOTIFICATION);
            String admin = stack.tokens().admin();
            String incidents = stack.url(FaultStack.INCIDENT) + "/api/v1/incidents";
            JsonNode subscription = StackHttp.created(StackHttp.post(
                    admin,
                    stack.url(FaultStack.NOTIFICATION) + "/api/v1/subscriptions",
                    "{\"channel\":\"webhook\",\"target\":\"" + hook.url() + "\"}"));
            awaitOk(
                    stack.url(FaultStack.NOTIFICATION) + "/api/v1/subscriptions/"
                            + subscription.path("id").asText(),
                    admin);
            StackHttp.created(StackHttp.post(
                    admin,
                    stack.url(FaultStack.INCIDENT) + "/api/v1/components",
                    "{\"id\":\"checkout\",\"name\":\"Checkout\"}"));
            String incident = StackHttp.declare(
                            admin,
                            incidents,
                            "{\"title\":\"Card payments failing\","
                                    + "\"impact\":\"major\",\"status\":\"investigating\",\"message\":\"Card payments fail.\","
                                    + "\"components\":{\"checkout\":\"partial_outage\"}}")
                    .path("id")
                    .asText();
            await("the declaration at the webhook", Duration.ofSeconds(60), () -> told(hook, incident, 1));

            // A real record of this incident, cut in half: a known schema id, Avro that ends too soon.
            byte[] declaration = EventLog.records(stack.platform(), EVENTS, new ByteArrayDeserializer()).stream()
                    .filter(record -> incident.equals(record.key()))
                    .findFirst()
                    .orElseThrow()
                    .value();
            int schemaId = ByteBuffer.wrap(declaration, 1, 4).getInt();
            byte[] unknownSchema = ByteBuffer.allocate(13)
                    .put((byte) 0)
                    .putInt(999_999)
                    .putLong(42L)
                    .array();
            List<Poison> poisons = List.of(
                    new Poison(
                            "garbage on the incident's key",
                            incident,
                            "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8),
                            "Unknown magic byte 123",
                            "not-wire-format"),
                    new Poison(
                            "unknown schema id on the incident's key",
                            incident,
                            unknownSchema,
                            "Unknown schema id 999999",
                            "unknown-schema"),
                    new Poison(
                            "truncated Avro of schema id " + schemaId + " on the incident's key",
                            incident,
                            Arrays.copyOf(declaration, declaration.length / 2),
                            "Could not decode the Avro record with schema id " + schemaId,
                            "undecodable"),
                    new Poison(
                            "garbage on the catalogue's key",
                            "catalogue",
                            "\u0001catalogue?".getBytes(StandardCharsets.UTF_8),
                            "Unknown magic byte 1",
                            "not-wire-format"));
            Map<Poison, RecordMetadata> written = new LinkedHashMap<>();
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            stack.platform().bootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                for (Poison poison : poisons) {
                    written.put(
                            poison,
                            raw.send(new ProducerRecord<>(EVENTS, poison.key(), poison.value()))
                                    .get());
                }
            }

            // Behind the poison, on the same partitions: an update of the incident, a new component
            // in the catalogue, and an incident naming it.
            JsonNode update = StackHttp.created(StackHttp.post(
                    admin,
                    incidents + "/" + incident + "/updates",
                    "{\"message\":\"A fix is being deployed.\",\"status\":\"identified\"}"));
            StackHttp.created(StackHttp.post(
                    admin,
                    stack.url(FaultStack.INCIDENT) + "/api/v1/components",
                    "{\"id\":\"search\",\"name\":\"Search\"}"));
            String second = StackHttp.declare(
                            admin,
                            incidents,
                            "{\"title\":\"Search slow\",\"impact\":\"minor\","
                                    + "\"status\":\"investigating\",\"message\":\"Search is slow.\","
                                    + "\"components\":{\"search\":\"degraded_performance\"}}")
                    .path("id")
                    .asText();

            // projection-service applied what followed the poison and dead-lettered each poison once.
            HttpResponse<String> projected = StackHttp.get(
                    stack.url(FaultStack.PROJECTION) + "/api/v1/incidents/" + incident,
                    Map.of(
                            "X-Await-Version",
                            incident + "=" + update.path("version").asLong() + "," + second + "=1"));
            assertThat(projected.statusCode()).as(projected.body()).isEqualTo(200);
            assertThat(projected.headers().firstValue("X-Awaited-Version")).hasValue("reached");
            JsonNode state = StackHttp.JSON.readTree(projected.body());
            assertThat(state.path("status").asText()).isEqualTo("identified");
            assertThat(state.path("version").asLong()).isEqualTo(2);
            assertThat(state.path("timeline").toString()).contains("A fix is being deployed.");

            List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
            await("four dead letters", Duration.ofSeconds(30), () -> {
                deadLetters.clear();
                deadLetters.addAll(EventLog.records(stack.platform(), DEAD_LETTERS, new ByteArrayDeserializer()));
                return deadLetters.size() >= poisons.size();
            });
            assertThat(deadLetters)
                    .as("one dead letter per poison record, none from anything else")
                    .hasSize(4);
            for (Poison poison : poisons) {
                RecordMetadata at = written.get(poison);
                assertThat(deadLetters)
                        .as(poison.name())
                        .filteredOn(dead -> Arrays.equals(dead.value(), poison.value()))
                        .singleElement()
                        .satisfies(dead -> {
                            assertThat(dead.key()).isEqualTo(poison.key());
                            assertThat(dead.partition()).isEqualTo(at.partition());
                            assertThat(header(dead, "dlt-reason")).contains(poison.reason());
                            assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(EVENTS);
                            assertThat(ByteBuffer.wrap(dead.headers()
                                                    .lastHeader("kafka_dlt-original-offset")
                                                    .value())
                                            .getLong())
                                    .isEqualTo(at.offset());
                        });
            }

            // notification-service told the subscriber of the update and of the incident behind the
            // poison on the catalogue's partition, and counted what it skipped.
            await("the update at the webhook", Duration.ofSeconds(60), () -> told(hook, incident, 2));
            await("the second incident at the webhook", Duration.ofSeconds(60), () -> told(hook, second, 1));
            JsonNode told = hook.requests().stream()
                    .map(SubscriberEndpoint.Request::json)
                    .filter(body -> body.at("/meta/sequence").asLong() == 2
                            && incident.equals(body.at("/incident/id").asText()))
                    .findFirst()
                    .orElseThrow();
            assertThat(told.at("/incident/status").asText()).isEqualTo("identified");
            assertThat(told.at("/incident/incident_updates/0/body").asText()).isEqualTo("A fix is being deployed.");
            Map<String, Double> unreadable = unreadableCounts(stack);
            assertThat(unreadable)
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("not-wire-format", 2.0, "unknown-schema", 1.0, "undecodable", 1.0));

            // incident-service, restarted with the poison in the partition its catalogue view reads,
            // comes back and still knows the catalogue, old and new.
            stack.kill(FaultStack.INCIDENT);
            stack.start(FaultStack.INCIDENT);
            String third = StackHttp.declare(
                            admin,
                            incidents,
                            "{\"title\":\"Checkout and search down\","
                                    + "\"impact\":\"critical\",\"status\":\"investigating\",\"message\":\"Both down.\","
                                    + "\"components\":{\"checkout\":\"major_outage\",\"search\":\"major_outage\"}}")
                    .path("id")
                    .asText();
            StackHttp.created(StackHttp.post(
                    admin,
                    incidents + "/" + incident + "/updates",
                    "{\"message\":\"Fixed.\",\"status\":\"resolved\"}"));
            await("the third incident at the webhook", Duration.ofSeconds(60), () -> told(hook, third, 1));
            await("the resolution at the webhook", Duration.ofSeconds(60), () -> told(hook, incident, 3));
            assertThat(EventLog.records(stack.platform(), DEAD_LETTERS, new ByteArrayDeserializer()))
                    .as("no dead letter from the restart")
                    .hasSize(4);

            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            FaultReport report = FaultReport.of(
                    "poison-records",
                    "Four records no consumer can read were written"
                            + " into incident-events by a raw producer beside incident-service: JSON instead of Avro and an"
                            + " unknown schema id (999999) and a real declaration cut in half (schema id " + schemaId
                            + ") on a live incident's key, and garbage on the catalogue's reserved key. Then the incident"
                            + " was updated, a component added and two incidents declared through incident-service, which"
                            + " was also killed and restarted.");
            for (Poison poison : poisons) {
                ConsumerRecord<String, byte[]> dead = deadLetters.stream()
                        .filter(d -> Arrays.equals(d.value(), poison.value()))
                        .findFirst()
                        .orElseThrow();
                report.figure("dlt-reason of " + poison.name(), "`" + header(dead, "dlt-reason") + "`");
            }
            report.figure("notification_unreadable_events_total by reason", unreadable)
                    .figure("webhook requests received", hook.requests().size())
                    .figure("case run time (s)", seconds)
                    .held("each poison record is in incident-events-dlt exactly once (4 dead letters in all), same"
                            + " key and partition, kafka_dlt-original-offset its offset, dlt-reason naming the cause")
                    .held("projection-service applied the update behind the poison on the incident's partition"
                            + " (status identified, version 2) and the incident declared after it")
                    .held("incident-service accepted every command after the poison, and after a kill and restart"
                            + " still knew both catalogue components (garbage on the catalogue key was skipped)")
                    .held("notification-service sent the webhook for the update, the resolution and both later"
                            + " incidents, wrote no second dead letter, and counted each skipped record by reason")
                    .write();
        }
    }

    private static boolean told(SubscriberEndpoint hook, String incident, long sequence) {
        return hook.requests().stream()
                .map(SubscriberEndpoint.Request::json)
                .anyMatch(body -> incident.equals(body.at("/incident/id").asText())
                        && body.at("/meta/sequence").asLong() == sequence);
    }

    private static Map<String, Double> unreadableCounts(FaultStack stack) throws Exception {
        HttpResponse<String> metrics =
                StackHttp.get(stack.url(FaultStack.NOTIFICATION) + "/actuator/prometheus", Map.of());
        assertThat(metrics.statusCode()).isEqualTo(200);
        Map<String, Double> counts = new LinkedHashMap<>();
        Matcher line = UNREADABLE.matcher(metrics.body());
        while (line.find()) {
            counts.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return counts;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void awaitOk(String url, String token) throws Exception {
        await(url + " answering 200", Duration.ofSeconds(30), () -> {
            try {
                return StackHttp.get(url, Map.of("Authorization", "Bearer " + token))
                                .statusCode()
                        == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }
}
