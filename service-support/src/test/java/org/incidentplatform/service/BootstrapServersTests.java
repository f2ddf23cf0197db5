package org.incidentplatform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class BootstrapServersTests {

    @ParameterizedTest
    @ValueSource(
            strings = {"127.0.0.1:9092", "kafka-1:9092,kafka-2:9092", "broker.internal.example:19092", "[::1]:9092"})
    void wellFormedAddresses_areAccepted(String value) {
        assertThat(new BootstrapServers(List.of(value.split(","))).addresses()).isNotEmpty();
    }

    @Test
    void start_fails_namingTheSettingAndTheAddress_whenAPortIsMissing(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.kafka.bootstrap-servers=127.0.0.1:9092,kafka"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains(
                        "Invalid value '127.0.0.1:9092,kafka' for configuration property 'spring.kafka.bootstrap-servers'")
                .contains("'kafka' is not host:port, e.g. 127.0.0.1:9092 (KAFKA_BOOTSTRAP_SERVERS)");
    }

    @Test
    void start_fails_namingTheSetting_whenAPortIsOutOfRange(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.kafka.bootstrap-servers=kafka:99092"));
        assertThat(output).contains("'kafka:99092' has port 99092, not 1-65535");
    }

    @Test
    void start_fails_namingTheSetting_whenAUrlIsGivenInsteadOfAnAddress(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.kafka.bootstrap-servers=http://kafka:9092"));
        assertThat(output).contains("'http://kafka:9092' is not host:port");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--platform.schema-registry-url=http://127.0.0.1:1";
        SpringApplication application = new SpringApplication(KafkaOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(all).close();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({KafkaAutoConfiguration.class, PlatformAutoConfiguration.class})
    static class KafkaOnly {}
}
