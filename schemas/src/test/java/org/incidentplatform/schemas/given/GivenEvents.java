package org.incidentplatform.schemas.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentDescribed;
import org.incidentplatform.events.ComponentGroupAdded;
import org.incidentplatform.events.ComponentGroupRemoved;
import org.incidentplatform.events.ComponentGroupRenamed;
import org.incidentplatform.events.ComponentMovedToGroup;
import org.incidentplatform.events.ComponentRemoved;
import org.incidentplatform.events.ComponentRenamed;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Heartbeat;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentReopened;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceCancelled;
import org.incidentplatform.events.MaintenanceCompleted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.MaintenanceUpdatePosted;
import org.incidentplatform.events.MaintenanceVerifying;
import org.incidentplatform.events.PostmortemPublished;
import org.incidentplatform.schemas.Topics;

/**
 * The events a test is given: one log of {@code incident-events} written as incident-service writes it,
 * each event the next of its stream (sequence 1, 2, 3 ... per incident, maintenance and the catalogue),
 * as the Avro {@link IncidentEvent}s that projections read and Kafka carries.
 *
 * <p>Read it as the story of the page:
 * <pre>{@code
 * GivenEvents given = new GivenEvents().standardCatalogue();
 * given.declared("inc-1", Impact.major, Map.of("api", partial_outage))
 *         .updated(IncidentStatus.monitoring)
 *         .after(Duration.ofMinutes(30)).resolved();
 * given.scheduled("mnt-1", from, until, Map.of("docs", under_maintenance)).started().completed();
 * List<IncidentEvent> log = given.events();
 * }</pre>
 * Each past-tense method appends one event, named after its payload ({@code declared} an
 * {@link IncidentDeclared}, {@code resolved} an {@link IncidentResolved} ...), and returns the stream it
 * went to, so a story goes on where it left off; {@link Stream#event()} is the event just written, for a
 * test that delivers it again. What a test does not say gets a plain default ("Trouble inc-1",
 * "Update 2 on inc-1", "Resolved inc-1"); a test that asserts a text passes that text.
 *
 * <p>Time: the log starts at {@link #START}; each event happens one minute after the previous one of the
 * whole log, unless {@link #at} says when the next one happens or {@link #after} adds a pause first. An
 * event is recorded two seconds after it happened (a back-filled declaration: two seconds after the log's
 * time, which is not when it happened). Event ids are derived from stream and sequence, so the same story
 * gives equal events. {@link #happeningNow()} is the log for tests that append to a real broker shared by
 * other tests: there every event happens at the wall clock's time and has a fresh random id.
 *
 * <p>A reader registered with {@link #onEach} is given every event as it is appended (a projection that
 * must apply it); {@link #takeNew} hands over what was appended since it was last asked, for a reader fed
 * bit by bit; {@link #fork} goes on from here without telling anybody, for redelivery and gap cases.
 */
public final class GivenEvents {

    /** When the log starts: its first event happens a minute later, at 09:01. */
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    /** The stream of the component catalogue. */
    public static final String CATALOGUE = Topics.CATALOGUE_KEY;

    private static final String ACTOR = "oncall@example.com";
    private static final Duration PACE = Duration.ofMinutes(1);
    private static final Duration RECORDING = Duration.ofSeconds(2);

    private final boolean happeningNow;
    private final List<IncidentEvent> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, IncidentEvent> latestOfStream = new HashMap<>();
    private final List<Consumer<IncidentEvent>> readers = new ArrayList<>();
    /** The log's time: when its latest event was written. */
    private Instant now = START;
    /** When the next event happens, where a test said so. */
    private Instant next;

    private int taken;

    /** A log starting at {@link #START}, one event a minute. */
    public GivenEvents() {
        this(false);
    }

    private GivenEvents(boolean happeningNow) {
        this.happeningNow = happeningNow;
    }

    /**
     * A log whose events happen as the test runs: each occurs and is recorded at the wall clock's time
     * (whole milliseconds) and has a fresh random event id, for tests that append to a real broker whose
     * topics other tests of the JVM append to as well.
     */
    public static GivenEvents happeningNow() {
        return new GivenEvents(true);
    }

    /** A declaration to be detailed further, for {@link #declared(String, Declaration)}. */
    public static Declaration declaration(Impact impact, Map<String, ComponentStatus> components) {
        return new Declaration(impact, components);
    }

    // The log

    /** Gives {@code reader} every event appended from now on, as it is appended. */
    public GivenEvents onEach(Consumer<IncidentEvent> reader) {
        readers.add(reader);
        return this;
    }

    /** Every event so far, in log order. */
    public List<IncidentEvent> events() {
        return List.copyOf(events);
    }

    /** The events appended since the last call (all of them the first time), for a reader fed bit by bit. */
    public List<IncidentEvent> takeNew() {
        List<IncidentEvent> fresh = List.copyOf(events.subList(taken, events.size()));
        taken = events.size();
        return fresh;
    }

    /** The log's time: when its latest event was written ({@link #START} before the first). */
    public Instant now() {
        return now;
    }

    /** The version of a stream: the sequence of its latest event, 0 before its first. */
    public long version(String streamId) {
        return sequences.getOrDefault(streamId, 0L);
    }

    /** The next event happens at {@code time}; those after it follow a minute apart again. */
    public GivenEvents at(Instant time) {
        requireScheduled();
        next = time;
        return this;
    }

    /** A pause before the next event, which then comes {@code pause} plus the usual minute after the latest. */
    public GivenEvents after(Duration pause) {
        requireScheduled();
        next = nextTime().plus(pause);
        return this;
    }

    /**
     * A copy of the log as it is now that goes on without telling this log's readers and without adding to
     * it: the events another position of the log would hold, for redelivery, gap and out-of-order cases.
     */
    public GivenEvents fork() {
        GivenEvents fork = new GivenEvents(happeningNow);
        fork.events.addAll(events);
        fork.sequences.putAll(sequences);
        fork.latestOfStream.putAll(latestOfStream);
        fork.now = now;
        fork.next = next;
        fork.taken = taken;
        return fork;
    }

    /** Any payload as the next event of any stream: for what the named facts below do not cover. */
    public IncidentEvent append(String streamId, Object payload) {
        return append(streamId, payload, null);
    }

    // The catalogue

    /** The component catalogue, to add to and change. */
    public Catalogue catalogue() {
        return new Catalogue();
    }

    /** Group Core (Web Application {@code web-app}, API {@code api}), then Documentation {@code docs} on its own. */
    public GivenEvents standardCatalogue() {
        catalogue()
                .groupAdded("core", "Core", 1)
                .componentAdded("web-app", "Web Application", "core", 1)
                .componentAdded("api", "API", "core", 2)
                .componentAdded("docs", "Documentation", null, 2);
        return this;
    }

    // Incidents

    /** An incident declared as investigating, titled "Trouble {@code id}"; impact began as it was declared. */
    public Incident declared(String incidentId, Impact impact, Map<String, ComponentStatus> components) {
        return declared(incidentId, declaration(impact, components));
    }

    /** An incident declared as investigating with this title. */
    public Incident declared(String incidentId, String title, Impact impact, Map<String, ComponentStatus> components) {
        return declared(incidentId, declaration(impact, components).titled(title));
    }

    /** An incident declared as investigating with this title and first message. */
    public Incident declared(
            String incidentId, String title, Impact impact, String message, Map<String, ComponentStatus> components) {
        return declared(
                incidentId, declaration(impact, components).titled(title).saying(message));
    }

    /** An incident declared as the {@link #declaration} says. */
    public Incident declared(String incidentId, Declaration declaration) {
        Instant at = nextTime();
        append(incidentId, declaration.payload(incidentId, at), at);
        return incident(incidentId);
    }

    /**
     * An incident written up after the fact, declared already resolved: its impact lasted from
     * {@code startedAt} to {@code endedAt}, which is when the declaration happened; it is recorded at the
     * log's time, as any other event.
     */
    public Incident backfilled(
            String incidentId,
            Impact impact,
            Instant startedAt,
            Instant endedAt,
            Map<String, ComponentStatus> components) {
        Declaration writeUp = declaration(impact, components)
                .in(IncidentStatus.resolved)
                .saying("Written up after the fact")
                .startedAt(startedAt)
                .detectedAt(startedAt)
                .detectedBy("customer report")
                .backfilled();
        append(incidentId, writeUp.payload(incidentId, endedAt), endedAt);
        return incident(incidentId);
    }

    /** An incident's stream, to go on with. */
    public Incident incident(String incidentId) {
        return new Incident(incidentId);
    }

    // Maintenances

    /** A maintenance titled "Works {@code id}", planned from {@code from} to {@code until}. */
    public Maintenance scheduled(
            String maintenanceId, Instant from, Instant until, Map<String, ComponentStatus> components) {
        return scheduled(maintenanceId, "Works " + maintenanceId, from, until, components);
    }

    /** A maintenance planned for an hour from an hour after the log's time: where its window does not matter. */
    public Maintenance scheduled(String maintenanceId, Map<String, ComponentStatus> components) {
        Instant from = nextTime().plus(Duration.ofHours(1));
        return scheduled(maintenanceId, from, from.plus(Duration.ofHours(1)), components);
    }

    public Maintenance scheduled(
            String maintenanceId, String title, Instant from, Instant until, Map<String, ComponentStatus> components) {
        append(
                maintenanceId,
                MaintenanceScheduled.newBuilder()
                        .setTitle(title)
                        .setMessage("Planned works")
                        .setComponents(components)
                        .setScheduledFor(from)
                        .setScheduledUntil(until)
                        .setAutoStart(false)
                        .setAutoComplete(false)
                        .build());
        return maintenance(maintenanceId);
    }

    /** A maintenance's stream, to go on with. */
    public Maintenance maintenance(String maintenanceId) {
        return new Maintenance(maintenanceId);
    }

    // Heartbeats

    /**
     * Heartbeat number {@code number} of an incident-service instance, happening and recorded at the log's
     * time. Heartbeats are no stream's: an instance numbers its own from 1 and starts again when restarted.
     */
    public IncidentEvent heartbeat(String instance, long number) {
        Instant at = nextTime();
        IncidentEvent event = envelope(
                Topics.HEARTBEAT_KEY,
                number,
                at,
                at,
                Heartbeat.newBuilder()
                        .setInstance(instance)
                        .setIntervalMillis(10_000)
                        .build());
        return write(event, at);
    }

    // Writing

    private IncidentEvent append(String streamId, Object payload, Instant occurredAt) {
        Instant written = nextTime();
        long sequence = sequences.merge(streamId, 1L, Long::sum);
        IncidentEvent event = envelope(
                streamId,
                sequence,
                occurredAt == null ? written : occurredAt,
                happeningNow ? written : written.plus(RECORDING),
                payload);
        latestOfStream.put(streamId, event);
        return write(event, written);
    }

    private IncidentEvent write(IncidentEvent event, Instant written) {
        now = written;
        next = null;
        events.add(event);
        readers.forEach(reader -> reader.accept(event));
        return event;
    }

    private IncidentEvent envelope(
            String streamId, long sequence, Instant occurredAt, Instant recordedAt, Object payload) {
        UUID eventId = happeningNow
                ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((streamId + "/" + sequence).getBytes(StandardCharsets.UTF_8));
        return IncidentEvent.newBuilder()
                .setEventId(eventId)
                .setIncidentId(streamId)
                .setSequence(sequence)
                .setOccurredAt(occurredAt)
                .setRecordedAt(recordedAt)
                .setActor(ACTOR)
                .setCorrelationId(null)
                .setPayload(payload)
                .build();
    }

    /** When the next event happens: as said, a minute after the latest, or, happening now, now. */
    /**
     * When the next event happens. Asked more than once for one event (a declaration's payload, then its
     * envelope), it gives the same time, the wall clock's too: {@link #write} clears it.
     */
    private Instant nextTime() {
        if (next == null) {
            next = happeningNow ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : now.plus(PACE);
        }
        return next;
    }

    private void requireScheduled() {
        if (happeningNow) {
            throw new IllegalStateException("events happening now take the wall clock's time");
        }
    }

    /**
     * One stream of the log: what was appended to it last, and when its next event happens.
     *
     * @param <S> the kind of stream, so that each method returns it for the story to go on
     */
    public abstract class Stream<S extends Stream<S>> {

        final String id;

        Stream(String id) {
            this.id = id;
        }

        /** The stream's latest event. */
        public IncidentEvent event() {
            IncidentEvent latest = latestOfStream.get(id);
            if (latest == null) {
                throw new IllegalStateException("nothing given on " + id + " yet");
            }
            return latest;
        }

        /** The stream's next event happens at {@code time}. */
        public S at(Instant time) {
            GivenEvents.this.at(time);
            return self();
        }

        /** A pause before the stream's next event; see {@link GivenEvents#after}. */
        public S after(Duration pause) {
            GivenEvents.this.after(pause);
            return self();
        }

        S next(Object payload) {
            append(id, payload);
            return self();
        }

        abstract S self();
    }

    /** An incident's stream: updates, resolution, reopening, retraction and postmortem. */
    public final class Incident extends Stream<Incident> {

        Incident(String id) {
            super(id);
        }

        /** An update that changes the status (null: unchanged) and nothing else. */
        public Incident updated(IncidentStatus status) {
            return updated(status, Map.of());
        }

        public Incident updated(IncidentStatus status, Map<String, ComponentStatus> components) {
            return posted(defaultMessage(), status, null, components);
        }

        /** An update saying "Update {@code n} on {@code id}"; a null status or impact is unchanged. */
        public Incident updated(IncidentStatus status, Impact impact, Map<String, ComponentStatus> components) {
            return posted(defaultMessage(), status, impact, components);
        }

        /** An update saying {@code message}; a null status is unchanged. */
        public Incident updated(String message, IncidentStatus status, Map<String, ComponentStatus> components) {
            return updated(message, status, null, components);
        }

        /** An update saying {@code message}; a null status or impact is unchanged. */
        public Incident updated(
                String message, IncidentStatus status, Impact impact, Map<String, ComponentStatus> components) {
            return posted(message, status, impact, components);
        }

        private String defaultMessage() {
            return "Update " + (version(id) + 1) + " on " + id;
        }

        private Incident posted(
                String message, IncidentStatus status, Impact impact, Map<String, ComponentStatus> components) {
            return next(IncidentUpdatePosted.newBuilder()
                    .setMessage(message)
                    .setStatus(status)
                    .setImpact(impact)
                    .setComponents(components)
                    .build());
        }

        /** Resolved, saying "Resolved {@code id}", setting no component. */
        public Incident resolved() {
            return resolved("Resolved " + id, Map.of());
        }

        public Incident resolved(Map<String, ComponentStatus> components) {
            return resolved("Resolved " + id, components);
        }

        public Incident resolved(String message) {
            return resolved(message, Map.of());
        }

        public Incident resolved(String message, Map<String, ComponentStatus> components) {
            return next(IncidentResolved.newBuilder()
                    .setMessage(message)
                    .setComponents(components)
                    .build());
        }

        public Incident reopened(IncidentStatus status, Map<String, ComponentStatus> components) {
            return next(IncidentReopened.newBuilder()
                    .setMessage("Reopened " + id)
                    .setStatus(status)
                    .setComponents(components)
                    .build());
        }

        /** Retracted as declared in error. */
        public Incident retracted() {
            return next(IncidentRetracted.newBuilder()
                    .setReason("Declared in error")
                    .build());
        }

        /** A postmortem "## What happened": root cause "A bad deploy", contributing factor "No canary". */
        public Incident postmortemPublished() {
            return postmortemPublished("## What happened");
        }

        public Incident postmortemPublished(String body) {
            return next(PostmortemPublished.newBuilder()
                    .setBody(body)
                    .setRootCause("A bad deploy")
                    .setContributingFactors(List.of("No canary"))
                    .build());
        }

        @Override
        Incident self() {
            return this;
        }
    }

    /** A maintenance's stream, from its scheduling on. */
    public final class Maintenance extends Stream<Maintenance> {

        Maintenance(String id) {
            super(id);
        }

        /** Started by a person, saying "Started". */
        public Maintenance started() {
            return started("Started");
        }

        public Maintenance started(String message) {
            return next(MaintenanceStarted.newBuilder()
                    .setMessage(message)
                    .setAutomatic(false)
                    .build());
        }

        /** An update that leaves the status as it is: "Half way". */
        public Maintenance updated() {
            return next(
                    MaintenanceUpdatePosted.newBuilder().setMessage("Half way").build());
        }

        public Maintenance verifying() {
            return next(
                    MaintenanceVerifying.newBuilder().setMessage("Verifying").build());
        }

        /** Completed by a person, saying "Done". */
        public Maintenance completed() {
            return next(MaintenanceCompleted.newBuilder()
                    .setMessage("Done")
                    .setAutomatic(false)
                    .build());
        }

        public Maintenance cancelled() {
            return next(
                    MaintenanceCancelled.newBuilder().setMessage("Cancelled").build());
        }

        @Override
        Maintenance self() {
            return this;
        }
    }

    /** The component catalogue's stream. */
    public final class Catalogue extends Stream<Catalogue> {

        Catalogue() {
            super(CATALOGUE);
        }

        /** A group described as "{@code name} services". */
        public Catalogue groupAdded(String groupId, String name, int position) {
            return next(ComponentGroupAdded.newBuilder()
                    .setGroupId(groupId)
                    .setName(name)
                    .setDescription(name + " services")
                    .setPosition(position)
                    .build());
        }

        /** A public component described as "The {@code name}", in a group or (null) in none. */
        public Catalogue componentAdded(String componentId, String name, String groupId, int position) {
            return next(ComponentAdded.newBuilder()
                    .setComponentId(componentId)
                    .setName(name)
                    .setDescription("The " + name)
                    .setGroupId(groupId)
                    .setPosition(position)
                    .setHidden(false)
                    .build());
        }

        /** A component the catalogue keeps off the public page, with no description and in no group. */
        public Catalogue hiddenComponentAdded(String componentId, String name) {
            return next(ComponentAdded.newBuilder()
                    .setComponentId(componentId)
                    .setName(name)
                    .setDescription(null)
                    .setGroupId(null)
                    .setPosition(0)
                    .setHidden(true)
                    .build());
        }

        public Catalogue renamed(String componentId, String name) {
            return next(ComponentRenamed.newBuilder()
                    .setComponentId(componentId)
                    .setName(name)
                    .build());
        }

        public Catalogue described(String componentId, String description) {
            return next(ComponentDescribed.newBuilder()
                    .setComponentId(componentId)
                    .setDescription(description)
                    .build());
        }

        public Catalogue movedToGroup(String componentId, String groupId, int position) {
            return next(ComponentMovedToGroup.newBuilder()
                    .setComponentId(componentId)
                    .setGroupId(groupId)
                    .setPosition(position)
                    .build());
        }

        public Catalogue removed(String componentId) {
            return next(
                    ComponentRemoved.newBuilder().setComponentId(componentId).build());
        }

        public Catalogue groupRenamed(String groupId, String name) {
            return next(ComponentGroupRenamed.newBuilder()
                    .setGroupId(groupId)
                    .setName(name)
                    .build());
        }

        public Catalogue groupRemoved(String groupId) {
            return next(ComponentGroupRemoved.newBuilder().setGroupId(groupId).build());
        }

        @Override
        Catalogue self() {
            return this;
        }
    }

    /**
     * What an incident is declared with, beyond impact and components: title "Trouble {@code id}", message
     * "We are investigating {@code id}", status investigating, impact begun and detected (by "synthetic
     * monitor") as it was declared, unless said otherwise here, e.g.
     * {@code declaration(Impact.minor, Map.of()).startedAt(nineFortyFive).detectedAt(nineFiftyFive)}.
     */
    public static final class Declaration {

        private final Impact impact;
        private final Map<String, ComponentStatus> components;
        private String title;
        private String message;
        private IncidentStatus status = IncidentStatus.investigating;
        private Instant startedAt;
        private Instant detectedAt;
        private String detectedBy = "synthetic monitor";
        private boolean backfilled;

        Declaration(Impact impact, Map<String, ComponentStatus> components) {
            this.impact = impact;
            this.components = components;
        }

        public Declaration titled(String title) {
            this.title = title;
            return this;
        }

        /** The first public message. */
        public Declaration saying(String message) {
            this.message = message;
            return this;
        }

        /** Declared in another status than investigating. */
        public Declaration in(IncidentStatus status) {
            this.status = status;
            return this;
        }

        /** When impact on users began, if before it was declared. */
        public Declaration startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /** When the problem was noticed, if not as it was declared. */
        public Declaration detectedAt(Instant detectedAt) {
            this.detectedAt = detectedAt;
            return this;
        }

        public Declaration detectedBy(String detectedBy) {
            this.detectedBy = detectedBy;
            return this;
        }

        /** Written up after the fact (as {@link GivenEvents#backfilled} declares it, already resolved). */
        public Declaration backfilled() {
            this.backfilled = true;
            return this;
        }

        IncidentDeclared payload(String incidentId, Instant declaredAt) {
            return IncidentDeclared.newBuilder()
                    .setTitle(title != null ? title : "Trouble " + incidentId)
                    .setImpact(impact)
                    .setStatus(status)
                    .setMessage(message != null ? message : "We are investigating " + incidentId)
                    .setComponents(components)
                    .setStartedAt(startedAt != null ? startedAt : declaredAt)
                    .setDetectedAt(detectedAt != null ? detectedAt : declaredAt)
                    .setDetectedBy(detectedBy)
                    .setBackfilled(backfilled)
                    .build();
        }
    }
}
