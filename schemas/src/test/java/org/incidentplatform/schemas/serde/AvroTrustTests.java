package org.incidentplatform.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.avro.util.ClassSecurityValidator;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.schemas.given.EveryPayload;
import org.junit.jupiter.api.Test;

class AvroTrustTests {

    @Test
    void trustEventClasses_trustsTheEventsPackageOnly_andIsIdempotent() {
        AvroDeserializer.trustEventClasses();
        ClassSecurityValidator.ClassSecurityPredicate afterFirst = ClassSecurityValidator.getGlobal();
        AvroDeserializer.trustEventClasses();

        assertThat(ClassSecurityValidator.getGlobal()).isSameAs(afterFirst);
        assertThat(afterFirst.isTrusted(IncidentEvent.class)).isTrue();
        assertThat(afterFirst.isTrusted(EveryPayload.class)).isFalse();
        assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES").split(","))
                .containsOnlyOnce(AvroDeserializer.EVENTS_PACKAGE);
    }

    @Test
    void specificReader_readsEventClasses_inAFreshJvm() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xshare:auto",
                        "-XX:TieredStopAtLevel=1",
                        AvroTrustProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        boolean exited = probe.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            probe.destroyForcibly();
        }
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).isTrue();
        assertThat(probe.exitValue()).withFailMessage(output).isZero();
        assertThat(output)
                .contains("plain avro: SecurityException")
                .contains("serde: " + IncidentEvent.class.getName() + " equal=true");
    }
}
