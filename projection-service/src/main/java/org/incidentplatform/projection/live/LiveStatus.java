package org.incidentplatform.projection.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.analytics.Analytics;
import org.incidentplatform.projection.status.StatusProjection;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status (and the analytics) as this instance currently knows them, and how current that is. One thread (the log
 * follower) applies events; any number of readers take the published snapshot, which is an
 * immutable object replaced as a whole, so a read never sees half an update and never waits for
 * the writer. Readers that need their own write reflected can wait, bounded, for a version, without
 * holding a thread: the wait is a future the writer completes when it publishes that version.
 *
 * <p><b>A gap waits.</b> An event whose stream lacks an earlier one (a record that was dead-lettered, then
 * written again once it could be read) is held, not dropped, and applied with everything after it as soon as
 * the missing one arrives: the models stay at the last complete state meanwhile, and {@link #waitingForGaps()}
 * says which streams wait for what. At most {@link #MAX_HELD} events are held in all, whatever the number of
 * streams; beyond that the newest are dropped with an error (a restart reads them again from the log).
 */
public final class LiveStatus {

    /** Events held, over all streams, while their streams wait for missing ones. */
    static final int MAX_HELD = 10_000;

    private static final Logger log = LoggerFactory.getLogger(LiveStatus.class);

    private final StatusProjection projection = new StatusProjection();
    private final Analytics analytics = new Analytics();
    private final Map<String, TreeMap<Long, IncidentEvent>> held = new HashMap<>();
    private int heldEvents;
    /** Written by the follower only; read by health and metrics from other threads. */
    private final Map<String, Gap> gaps = new ConcurrentHashMap<>();

    private final Clock clock;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private volatile boolean caughtUp;
    private volatile Instant confirmedCurrentAt;
    private volatile IncidentEvent lastHeartbeat;

    public LiveStatus(Clock clock) {
        this.clock = clock;
    }

    /** The status after exactly these events, caught up: what a rebuild from such a log gives. */
    public static LiveStatus of(Clock clock, Iterable<IncidentEvent> log) {
        LiveStatus status = new LiveStatus(clock);
        log.forEach(status::offer);
        status.publish();
        status.markCaughtUp();
        return status;
    }

    /** Applies one event of the log and publishes the result at once; redelivered events change nothing. */
    public StatusProjection.Outcome apply(IncidentEvent event) {
        StatusProjection.Outcome outcome = offer(event);
        publish();
        return outcome;
    }

    /**
     * Applies one event of the log without publishing it: readers see it after the next {@link #publish()}.
     * Building a snapshot costs a pass over every incident, so the follower applies a whole polled batch
     * and publishes once; per event, a replay of the log would be quadratic.
     */
    StatusProjection.Outcome offer(IncidentEvent event) {
        StatusProjection.Outcome outcome = projection.offer(event);
        switch (outcome) {
            case HEARTBEAT -> lastHeartbeat = event;
            case GAP -> hold(event);
            case ALREADY_APPLIED -> {}
            case APPLIED, INAPPLICABLE -> {
                analytics.offer(event);
                releaseHeld(event.getIncidentId());
            }
        }
        return outcome;
    }

    private void hold(IncidentEvent event) {
        String stream = event.getIncidentId();
        if (heldEvents >= MAX_HELD) {
            log.error(
                    "event {} of {} dropped: {} events already wait for missing ones; a restart reads it again"
                            + " from the log",
                    event.getEventId(),
                    stream,
                    heldEvents);
            return;
        }
        if (held.computeIfAbsent(stream, s -> new TreeMap<>()).put(event.getSequence(), event) == null) {
            heldEvents++;
        }
        gaps.putIfAbsent(stream, new Gap(projection.versionOf(stream) + 1, clock.instant()));
    }

    /** Applies, in order, what the stream held while it waited, as far as its sequence now runs unbroken. */
    private void releaseHeld(String stream) {
        TreeMap<Long, IncidentEvent> waiting = held.get(stream);
        if (waiting == null) {
            return;
        }
        while (!waiting.isEmpty()) {
            IncidentEvent next = waiting.firstEntry().getValue();
            StatusProjection.Outcome outcome = projection.offer(next);
            if (outcome == StatusProjection.Outcome.GAP) {
                gaps.computeIfPresent(stream, (s, gap) -> new Gap(projection.versionOf(s) + 1, gap.since()));
                return;
            }
            waiting.pollFirstEntry();
            heldEvents--;
            if (outcome != StatusProjection.Outcome.ALREADY_APPLIED) {
                analytics.offer(next);
            }
        }
        held.remove(stream);
        gaps.remove(stream);
    }

    /**
     * Streams whose next event is missing while later ones arrived, by stream id: safe to read from any thread.
     * Their later events are held (see the class comment), so the page shows them as they were before the gap.
     */
    public Map<String, Gap> waitingForGaps() {
        return Collections.unmodifiableMap(gaps);
    }

    /** A stream's wait: the sequence it misses (the first, if several) and since when it waits. */
    public record Gap(long missingSequence, Instant since) {}

    /** Makes everything applied so far visible to readers and completes the waits it satisfies. */
    void publish() {
        StatusSnapshot before = projection.current();
        StatusSnapshot after = projection.publish();
        if (after != before) {
            for (Waiter waiter : waiters) {
                if (after.hasReached(waiter.wanted())) {
                    waiter.reached().complete(true);
                }
            }
        }
    }

    public StatusSnapshot current() {
        return projection.current();
    }

    /** Durations, MTTx and uptime, maintained from the same events; safe to query from any thread. */
    public Analytics analytics() {
        return analytics;
    }

    /**
     * Completes with true once every named stream has reached at least the given version (its latest
     * applied sequence), or with false when the timeout passes first. No thread waits meanwhile: the
     * follower completes it when it publishes, a timer when time is up. Cancelling it stops the wait.
     */
    public CompletableFuture<Boolean> awaitVersions(Map<String, Long> wanted, Duration timeout) {
        Waiter waiter = new Waiter(Map.copyOf(wanted), new CompletableFuture<>());
        waiters.add(waiter);
        waiter.reached().whenComplete((reached, cancelled) -> waiters.remove(waiter));
        // Checked after joining the waiters: a publish in between is then either seen here or completes it.
        if (current().hasReached(waiter.wanted())) {
            waiter.reached().complete(true);
        }
        return waiter.reached().completeOnTimeout(false, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Reads waiting for versions now: each holds a connection, so the web layer caps them. */
    public int waiting() {
        return waiters.size();
    }

    private record Waiter(Map<String, Long> wanted, CompletableFuture<Boolean> reached) {}

    /** The follower has read the log up to where it ended when this instance started. */
    void markCaughtUp() {
        caughtUp = true;
        confirmedCurrent();
    }

    /** The follower has just seen the log and knows nothing in it is missing here. */
    void confirmedCurrent() {
        confirmedCurrentAt = clock.instant();
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * When this instance last knew it had everything the log holds, null before it first caught up: the later
     * of the last time the broker confirmed nothing newer exists and the writer's time on the last heartbeat
     * applied (everything incident-service appended before that heartbeat is applied here too).
     */
    public Instant dataAsOf() {
        if (!caughtUp) {
            return null;
        }
        Instant confirmed = confirmedCurrentAt;
        Instant heartbeat = lastHeartbeatAt();
        return heartbeat != null && (confirmed == null || heartbeat.isAfter(confirmed)) ? heartbeat : confirmed;
    }

    /** When incident-service appended the last heartbeat this instance applied; null if none yet. */
    public Instant lastHeartbeatAt() {
        IncidentEvent heartbeat = lastHeartbeat;
        return heartbeat == null ? null : heartbeat.getRecordedAt();
    }

    /** The last heartbeat applied (who sent it, when, how often it sends); null if none yet. */
    public IncidentEvent lastHeartbeat() {
        return lastHeartbeat;
    }

    /** The clock readers compare freshness against. */
    public Instant now() {
        return clock.instant();
    }
}
