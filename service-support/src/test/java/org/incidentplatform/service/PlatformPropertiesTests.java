package org.incidentplatform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class PlatformPropertiesTests {

    // Command-line arguments outrank the system property LocalPlatformExtension may have set in this JVM.
    private static final String URL = "--platform.schema-registry-url=";

    @Test
    void defaults_apply_whenOnlyTheRegistryIsGiven() {
        new ApplicationContextRunner()
                .withUserConfiguration(PropertiesOnly.class)
                .withPropertyValues("platform.schema-registry-url=http://registry:8081")
                .run(context -> {
                    PlatformProperties properties = context.getBean(PlatformProperties.class);
                    assertThat(properties.schemaRegistryUrl()).isEqualTo(URI.create("http://registry:8081"));
                    assertThat(properties.replicationFactor()).isEqualTo((short) 1);
                    assertThat(properties.startupTimeout()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void start_fails_namingTheSetting_whenRegistryUrlIsNotAUrl(CapturedOutput output) {
        assertThatThrownBy(() -> start(URL + "not a url"))
                .hasStackTraceContaining("Failed to bind properties under 'platform.schema-registry-url'");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("platform.schema-registry-url");
    }

    @Test
    void start_fails_namingTheSetting_whenRegistryUrlIsNotHttp(CapturedOutput output) {
        assertThatThrownBy(() -> start(URL + "ftp://registry:8081"));
        assertThat(output)
                .contains("Reason: platform.schema-registry-url (SCHEMA_REGISTRY_URL) must be an absolute http");
    }

    @Test
    void start_fails_namingTheSetting_whenRegistryUrlIsEmpty(CapturedOutput output) {
        assertThatThrownBy(() -> start(URL));
        assertThat(output).contains("Reason: platform.schema-registry-url (SCHEMA_REGISTRY_URL) must be set");
    }

    @Test
    void start_fails_namingTheSetting_whenReplicationFactorIsZero(CapturedOutput output) {
        assertThatThrownBy(() -> start(URL + "http://registry:8081", "--platform.replication-factor=0"));
        assertThat(output).contains("Reason: platform.replication-factor must be at least 1");
    }

    private static void start(String... args) {
        SpringApplication application = new SpringApplication(PropertiesOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PlatformProperties.class)
    static class PropertiesOnly {}
}
