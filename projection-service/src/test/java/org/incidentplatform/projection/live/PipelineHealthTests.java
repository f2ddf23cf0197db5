package org.incidentplatform.projection.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.incidentplatform.events.Heartbeat;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.page.MutableClock;
import org.incidentplatform.projection.status.StatusProjection;
import org.incidentplatform.schemas.Topics;
import org.incidentplatform.schemas.given.EveryPayload;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.service.HeartbeatHealth;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** Heartbeats through the pipeline: they change no status, and their age is the pipeline's freshness. */
class PipelineHealthTests {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final Duration MAX_AGE = Duration.ofSeconds(45);

    final MutableClock clock = new MutableClock(T0);
    final LiveStatus live = new LiveStatus(clock);
    final HeartbeatHealth health =
            new HeartbeatHealth(live::lastHeartbeat, live::now, new HeartbeatHealth.Settings(MAX_AGE));

    @Test
    void heartbeats_changeNoStatus_takeNoSequence_andCountAsNoEvent() {
        live.offer(new GivenEvents()
                .catalogue()
                .componentAdded("api", "API", null, 0)
                .event());
        // Two instances, or one restarted: both number their heartbeats from 1.
        assertThat(live.offer(heartbeat(1, T0))).isEqualTo(StatusProjection.Outcome.HEARTBEAT);
        assertThat(live.offer(heartbeat(1, T0.plusSeconds(5)))).isEqualTo(StatusProjection.Outcome.HEARTBEAT);
        live.publish();

        assertThat(live.current().appliedEvents()).isEqualTo(1);
        assertThat(live.current().version(Topics.HEARTBEAT_KEY)).isZero();
        assertThat(live.analytics().appliedSequence(Topics.HEARTBEAT_KEY)).isZero();
        assertThat(live.lastHeartbeatAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void dataAsOf_isTheLatestHeartbeat_whenThatIsNewerThanTheLastConfirmation() {
        live.markCaughtUp();
        assertThat(live.dataAsOf()).isEqualTo(T0);

        live.offer(heartbeat(7, T0.plusSeconds(30)));

        assertThat(live.dataAsOf()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void freshHeartbeat_isUp_withItsAgeAndSender() {
        live.offer(heartbeat(3, T0));
        clock.set(T0.plusSeconds(12));

        Health now = health.health();

        assertThat(now.getStatus()).isEqualTo(Status.UP);
        assertThat(now.getDetails())
                .containsEntry("heartbeatAgeSeconds", 12.0)
                .containsEntry("from", "incident-service@host-1:4242");
    }

    @Test
    void heartbeatOlderThanTheLimit_isDegraded_sayingWhy() {
        live.offer(heartbeat(3, T0));
        clock.set(T0.plus(MAX_AGE).plusSeconds(1));

        Health stale = health.health();

        assertThat(stale.getStatus()).isEqualTo(new Status("DEGRADED"));
        assertThat((String) stale.getDetails().get("reason"))
                .contains("no heartbeat for 46 s")
                .contains("incident-service is stopped");
    }

    @Test
    void noHeartbeatSinceStart_isUpWhileWaiting_thenDegraded() {
        clock.set(T0.plusSeconds(10));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        clock.set(T0.plus(MAX_AGE).plusSeconds(1));
        assertThat(health.health().getStatus()).isEqualTo(new Status("DEGRADED"));
        assertThat((String) health.health().getDetails().get("reason")).contains("since this instance started");
    }

    @Test
    void heartbeatAge_isAGauge_inSeconds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        health.bindTo(registry);
        assertThat(registry.get("pipeline.heartbeat.age").gauge().value()).isNaN();

        live.offer(heartbeat(1, T0));
        clock.set(T0.plusSeconds(20));

        assertThat(registry.get("pipeline.heartbeat.age").gauge().value()).isEqualTo(20.0);
    }

    @Test
    void aLogWithHeartbeats_rebuildsToTheSameStatusAsWithout() {
        List<IncidentEvent> events = EveryPayload.events();
        List<IncidentEvent> withoutHeartbeats = events.stream()
                .filter(event -> !(event.getPayload() instanceof Heartbeat))
                .toList();

        LiveStatus with = LiveStatus.of(clock, events);
        LiveStatus without = LiveStatus.of(clock, withoutHeartbeats);

        assertThat(withoutHeartbeats).hasSizeLessThan(events.size());
        assertThat(with.current().appliedEvents()).isEqualTo(without.current().appliedEvents());
        assertThat(with.current().incidents()).isEqualTo(without.current().incidents());
        assertThat(with.current().components()).isEqualTo(without.current().components());
    }

    private static IncidentEvent heartbeat(long number, Instant at) {
        return new GivenEvents().at(at).heartbeat("incident-service@host-1:4242", number);
    }
}
