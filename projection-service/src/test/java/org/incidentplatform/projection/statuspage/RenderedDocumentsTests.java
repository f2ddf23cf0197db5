package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.statuspage.RenderedDocuments.Rendered;
import org.junit.jupiter.api.Test;

/** Serialisation once per snapshot, and ETags that name the bytes. */
class RenderedDocumentsTests {

    private static RenderedDocuments rendered() {
        return new RenderedDocuments(new StatuspageDocuments(
                new StatusPageProperties("acme-page", "Acme", URI.create("https://status.acme.test"), "Etc/UTC")));
    }

    private final RenderedDocuments rendered = rendered();

    @Test
    void sameSnapshot_isSerialisedOnce() {
        LiveStatus live = StatuspageLog.caughtUp(StatuspageLog.representative());

        Rendered first = rendered.of(live.current(), StatuspageEndpoint.SUMMARY);

        assertThat(rendered.of(live.current(), StatuspageEndpoint.SUMMARY)).isSameAs(first);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("\"indicator\":\"major\"");
    }

    @Test
    void newSnapshot_isSerialisedAfresh_withAnotherETag() {
        LiveStatus live = StatuspageLog.caughtUp(StatuspageLog.representative());
        Rendered before = rendered.of(live.current(), StatuspageEndpoint.SUMMARY);

        live.apply(
                StatuspageLog.representative().incident("inc-live").resolved().event());
        Rendered after = rendered.of(live.current(), StatuspageEndpoint.SUMMARY);

        assertThat(after).isNotSameAs(before);
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains("\"incidents\":[]");
    }

    @Test
    void instancesThatAppliedTheSameLog_giveTheSameStrongETag() {
        Rendered one = rendered.of(
                StatuspageLog.caughtUp(StatuspageLog.representative()).current(), StatuspageEndpoint.COMPONENTS);
        Rendered other = rendered()
                .of(StatuspageLog.caughtUp(StatuspageLog.representative()).current(), StatuspageEndpoint.COMPONENTS);

        assertThat(other.body()).isEqualTo(one.body());
        assertThat(other.etag())
                .isEqualTo(one.etag())
                .startsWith("\"")
                .endsWith("\"")
                .doesNotStartWith("W/");
    }
}
