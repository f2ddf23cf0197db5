package org.incidentplatform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every service reads its HTTP port from {@code server.port} ({@code SERVER_PORT} in the deploy
 * files). A malformed or impossible value must stop the service at start naming the setting, not
 * leave it running on some other port.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerPortTests {

    @Test
    void start_fails_namingTheSetting_whenThePortIsNotANumber(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=80x"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Failed to bind properties under 'server.port'")
                .contains("Value: \"80x\"");
    }

    @Test
    void start_fails_namingThePort_whenItIsOutOfRange(CapturedOutput output) {
        assertThatThrownBy(() -> start("--server.port=70000"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Invalid value '70000' for configuration property 'server.port'")
                .contains("not a TCP port: 1-65535, or 0 for any free one (SERVER_PORT)");
    }

    private static void start(String... args) {
        // The platform's checks with the web server, nothing else: no Kafka is needed to refuse a port.
        new SpringApplication(WebServerOnly.class).run(args).close();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
    @Import(PlatformAutoConfiguration.WebServerChecks.class)
    static class WebServerOnly {}
}
