package org.incidentplatform.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.notification.WebhookSink;
import org.incidentplatform.notification.subscription.TargetPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sends to a real server on 127.0.0.1 under a made-up name, whose resolver answers differently on
 * each lookup, as a rebinding DNS server would: what is connected to is what the policy vetted.
 */
class HttpPostTests {

    private static final NotificationProperties.Webhook SETTINGS =
            new NotificationProperties.Webhook(Duration.ofSeconds(3), 4, 8);

    private final WebhookSink sink = new WebhookSink();
    private final AtomicInteger lookups = new AtomicInteger();

    HttpPostTests() throws Exception {}

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void send_connectsToTheAddressItVetted_neverToASecondLookup_andKeepsTheNameInTheHostHeader() {
        // Loopback is allow-listed, as on the local stack; after the first answer the name leads elsewhere.
        TargetPolicy policy = new TargetPolicy(List.of("127.0.0.0/8"), host -> answer("127.0.0.1", "10.0.0.8"));
        URI hook = URI.create(sink.hook());
        String target = "http://hooks.example.test:" + hook.getPort() + hook.getPath();

        AttemptResult result = new HttpPost(policy, SETTINGS).post(target, "{\"n\":1}", Map.of("webhook-id", "d-1"));

        assertThat(result.delivered()).as(result.detail()).isTrue();
        assertThat(lookups).hasValue(1);
        List<WebhookSink.Received> received = sink.receivedAt(hook.toString());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).header("Host")).isEqualTo("hooks.example.test:" + hook.getPort());
        assertThat(received.get(0).header("webhook-id")).isEqualTo("d-1");
        assertThat(received.get(0).body()).isEqualTo("{\"n\":1}");
    }

    @Test
    void rebindingHost_publicWhenSubscribed_privateWhenSent_isRefusedAtSendTime_andNothingIsSent() {
        TargetPolicy policy = new TargetPolicy(List.of(), host -> answer("93.184.215.14", "127.0.0.1"));
        URI hook = URI.create(sink.hook());
        String target = "https://rebinding.example.test:" + hook.getPort() + hook.getPath();

        assertThat(policy.refusal(target)).as("when subscribing").isEmpty();
        AttemptResult result = new HttpPost(policy, SETTINGS).post(target, "{}", Map.of());

        assertThat(result.delivered()).isFalse();
        assertThat(result.detail())
                .startsWith("target refused")
                .contains("loopback")
                .doesNotContain(hook.getPath());
        assertThat(lookups).hasValue(2);
        assertThat(sink.receivedAt(hook.toString())).isEmpty();
    }

    /** The first address on the first lookup, the second on every later one. */
    private InetAddress[] answer(String first, String later) throws UnknownHostException {
        return new InetAddress[] {InetAddress.getByName(lookups.getAndIncrement() == 0 ? first : later)};
    }
}
