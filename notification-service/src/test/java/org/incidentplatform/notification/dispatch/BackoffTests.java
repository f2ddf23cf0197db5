package org.incidentplatform.notification.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.incidentplatform.notification.NotificationProperties;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private static final NotificationProperties.Retry RETRY = new NotificationProperties.Retry(
            Duration.ofSeconds(30), Duration.ofHours(1), 2.0, 0.2, 10, Duration.ofHours(24));

    @Test
    void delay_doublesFromTheInitial_untilTheCap() {
        Backoff noJitter = new Backoff(RETRY, () -> 0.0);

        assertThat(noJitter.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(noJitter.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(noJitter.after(5)).isEqualTo(Duration.ofSeconds(480));
        assertThat(noJitter.after(9)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitter_takesUpToItsShareOffTheDelay() {
        Backoff mostJitter = new Backoff(RETRY, () -> 1.0);
        Backoff halfJitter = new Backoff(RETRY, () -> 0.5);

        assertThat(mostJitter.after(1)).isEqualTo(Duration.ofSeconds(24));
        assertThat(halfJitter.after(1)).isEqualTo(Duration.ofSeconds(27));
    }

    @Test
    void delivery_isExhausted_byAttemptsOrByAge() {
        Backoff backoff = new Backoff(RETRY, () -> 0.0);

        assertThat(backoff.exhausted(9, Duration.ofHours(1))).isFalse();
        assertThat(backoff.exhausted(10, Duration.ofHours(1))).isTrue();
        assertThat(backoff.exhausted(2, Duration.ofHours(24))).isTrue();
    }
}
