package org.incidentplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.incidentplatform.schemas.registry.HttpSchemaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker and the registry stopped and started again under running clients: same addresses, same data. */
class LocalPlatformRestartTests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    @Test
    void brokerRestart_keepsItsAddressAndData_andAProducerOfBeforeCarriesOn() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start(dataDir, 0, 0, 0)) {
            String bootstrap = platform.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
                        .all()
                        .get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true),
                    new StringSerializer(),
                    new StringSerializer())) {
                long before = producer.send(new ProducerRecord<>("kept", "k", "before"))
                        .get()
                        .offset();

                platform.stopBroker();
                assertThat(platform.bootstrapServers()).isEqualTo(bootstrap);
                platform.startBroker();

                long after = producer.send(new ProducerRecord<>("kept", "k", "after"))
                        .get()
                        .offset();
                assertThat(after).isEqualTo(before + 1);
            }
            assertThat(platform.bootstrapServers()).isEqualTo(bootstrap);
        }
    }

    @Test
    void registryRestart_refusesWhileStopped_thenServesItsSchemasOnTheSamePort() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start(dataDir, 0, 0, 0)) {
            String url = platform.schemaRegistryUrl();
            Schema schema = Schema.create(Schema.Type.STRING);
            int id = new HttpSchemaRegistry(url).register("kept-value", schema);

            platform.stopRegistry();
            assertThatThrownBy(() -> HTTP.send(
                            HttpRequest.newBuilder(URI.create(url + "/subjects"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);

            platform.startRegistry();
            assertThat(platform.schemaRegistryUrl()).isEqualTo(url);
            assertThat(new HttpSchemaRegistry(url).idOf("kept-value", schema)).isEqualTo(id);
        }
    }
}
