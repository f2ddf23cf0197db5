package org.incidentplatform.projection.analytics;

import static org.incidentplatform.projection.analytics.Times.t;
import static org.incidentplatform.schemas.given.GivenEvents.declaration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.schemas.given.GivenEvents;

/**
 * A random but valid log of incidents and maintenances over a few days, whole minutes apart, with what
 * each incident's milestones must be and what each stream imposed on components when, written down as
 * the log is made (the model the property tests check the read model against). Statuses move forward
 * while open; incidents get resolved, reopened, retracted; maintenances start, verify, complete or cancel.
 * With {@code monotone} false, times sometimes step backwards, as a buggy or hand-edited log would.
 */
final class RandomIncidentLog {

    static final Instant BASE = t("2024-06-01T00:00:00Z");
    static final List<String> COMPONENTS = List.of("web", "api", "db");
    static final List<String> GROUP_MEMBERS = List.of("api", "web");
    static final String GROUP = "core";
    private static final long MINUTE = 60_000;
    private static final ComponentStatus[] STATUSES = ComponentStatus.values();
    private static final IncidentStatus[] OPEN_STATUSES = {
        IncidentStatus.investigating, IncidentStatus.identified, IncidentStatus.monitoring
    };

    final Map<String, Stream> streams = new LinkedHashMap<>();
    final GivenEvents given = new GivenEvents();
    private final Random random;
    private final boolean monotone;
    private long clock;
    long latest;

    /** What one stream did, as the model sees it. */
    static final class Stream {
        final String id;
        final boolean maintenance;
        /** From each of these instants on, the stream imposed the matching statuses (in log order). */
        final List<Long> from = new ArrayList<>();

        final List<Map<String, ComponentStatus>> imposed = new ArrayList<>();
        boolean finished;
        boolean retracted;
        // incidents
        long startedAt;
        long detectedAt;
        Long identifiedAt;
        Long mitigatedAt;
        Long resolvedAt;
        Impact highestImpact;
        int stage;
        boolean resolved;
        final Map<String, ComponentStatus> said = new HashMap<>();
        // maintenances
        Map<String, ComponentStatus> planned;
        boolean active;

        Stream(String id, boolean maintenance) {
            this.id = id;
            this.maintenance = maintenance;
        }

        void imposes(long at, Map<String, ComponentStatus> statuses) {
            from.add(at);
            imposed.add(Map.copyOf(statuses));
        }

        void reached(IncidentStatus status, long at) {
            stage = status.ordinal();
            if (stage >= IncidentStatus.identified.ordinal() && identifiedAt == null) {
                identifiedAt = at;
            }
            if (stage >= IncidentStatus.monitoring.ordinal() && mitigatedAt == null) {
                mitigatedAt = at;
            }
        }
    }

    private RandomIncidentLog(Random random, boolean monotone) {
        this.random = random;
        this.monotone = monotone;
    }

    static RandomIncidentLog generate(Random random, boolean monotone) {
        RandomIncidentLog log = new RandomIncidentLog(random, monotone);
        log.generate();
        return log;
    }

    List<IncidentEvent> events() {
        return given.events();
    }

    LocalDate firstDay() {
        return LocalDate.ofInstant(BASE, ZoneOffset.UTC).minusDays(1);
    }

    LocalDate lastDay() {
        return LocalDate.ofInstant(Instant.ofEpochMilli(latest), ZoneOffset.UTC).plusDays(1);
    }

    private void generate() {
        long catalogued = BASE.toEpochMilli() - 2 * 1440 * MINUTE;
        for (String component : COMPONENTS) {
            at(catalogued)
                    .catalogue()
                    .componentAdded(component, component, GROUP_MEMBERS.contains(component) ? GROUP : null, 0);
        }
        clock = BASE.toEpochMilli() + random.nextInt(600) * MINUTE;
        int incidents = 1 + random.nextInt(6);
        int maintenances = random.nextInt(3);
        int steps = 5 + random.nextInt(40);
        for (int step = 0; step < steps; step++) {
            long pause = 1 + random.nextInt(180);
            if (!monotone && random.nextInt(4) == 0) {
                pause = -random.nextInt(240);
            }
            clock += pause * MINUTE;
            List<Stream> live =
                    streams.values().stream().filter(s -> !s.finished).toList();
            boolean canStart = incidents + maintenances > 0;
            if (canStart && (live.isEmpty() || random.nextInt(3) == 0)) {
                if (random.nextInt(incidents + maintenances) < incidents) {
                    declare("inc-" + incidents--);
                } else {
                    schedule("mnt-" + maintenances--);
                }
            } else if (!live.isEmpty()) {
                Stream stream = live.get(random.nextInt(live.size()));
                if (stream.maintenance) {
                    maintain(stream);
                } else {
                    progress(stream);
                }
            }
        }
    }

    /** The log, its next event happening at {@code at}. */
    private GivenEvents at(long at) {
        latest = Math.max(latest, at);
        return given.at(Instant.ofEpochMilli(at));
    }

    private String anyComponent() {
        return COMPONENTS.get(random.nextInt(COMPONENTS.size()));
    }

    private Map<String, ComponentStatus> someComponents() {
        Map<String, ComponentStatus> components = new HashMap<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            components.put(anyComponent(), STATUSES[random.nextInt(STATUSES.length)]);
        }
        return components;
    }

    private void declare(String id) {
        Stream incident = new Stream(id, false);
        streams.put(id, incident);
        int choice = random.nextInt(20);
        IncidentStatus status = choice < 12
                ? IncidentStatus.investigating
                : choice < 15
                        ? IncidentStatus.identified
                        : choice < 17 ? IncidentStatus.monitoring : IncidentStatus.resolved;
        incident.startedAt = clock - random.nextInt(121) * MINUTE;
        int minutesBefore = (int) ((clock - incident.startedAt) / MINUTE);
        incident.detectedAt = incident.startedAt + random.nextInt(minutesBefore + 1) * MINUTE;
        Impact impact = Impact.values()[random.nextInt(Impact.values().length)];
        incident.highestImpact = impact;
        Map<String, ComponentStatus> components = someComponents();
        GivenEvents.Declaration declaration = declaration(impact, components)
                .in(status)
                .startedAt(Instant.ofEpochMilli(incident.startedAt))
                .detectedAt(Instant.ofEpochMilli(incident.detectedAt));
        at(clock).declared(id, status == IncidentStatus.resolved ? declaration.backfilled() : declaration);
        incident.said.putAll(components);
        incident.reached(status, clock);
        incident.resolved = status == IncidentStatus.resolved;
        incident.resolvedAt = incident.resolved ? clock : null;
        incident.imposes(Math.min(incident.startedAt, clock), components);
        incident.imposes(clock, incident.resolved ? Map.of() : incident.said);
    }

    private void progress(Stream incident) {
        int choice = random.nextInt(20);
        if (incident.resolved) {
            if (choice < 14) {
                IncidentStatus status = OPEN_STATUSES[random.nextInt(OPEN_STATUSES.length)];
                Map<String, ComponentStatus> components = someComponents();
                at(clock).incident(incident.id).reopened(status, components);
                incident.said.putAll(components);
                incident.resolved = false;
                incident.resolvedAt = null;
                incident.reached(status, clock);
                incident.imposes(clock, incident.said);
            } else if (choice < 17) {
                at(clock).incident(incident.id).postmortemPublished();
            } else {
                incident.finished = true;
            }
        } else if (choice < 11) {
            int stage = incident.stage + random.nextInt(OPEN_STATUSES.length - incident.stage);
            IncidentStatus status = random.nextBoolean() ? OPEN_STATUSES[stage] : null;
            Impact impact = random.nextBoolean() ? Impact.values()[random.nextInt(Impact.values().length)] : null;
            Map<String, ComponentStatus> components = someComponents();
            at(clock).incident(incident.id).updated(status, impact, components);
            if (impact != null && IncidentMilestones.rank(impact) > IncidentMilestones.rank(incident.highestImpact)) {
                incident.highestImpact = impact;
            }
            incident.said.putAll(components);
            if (status != null) {
                incident.reached(status, clock);
            }
            incident.imposes(clock, incident.said);
        } else if (choice < 19) {
            Map<String, ComponentStatus> components = someComponents();
            at(clock).incident(incident.id).resolved(components);
            incident.said.keySet().retainAll(components.keySet());
            incident.said.putAll(components);
            incident.reached(IncidentStatus.resolved, clock);
            incident.resolved = true;
            incident.resolvedAt = clock;
            incident.imposes(clock, Map.of());
        } else {
            at(clock).incident(incident.id).retracted();
            incident.retracted = true;
            incident.finished = true;
        }
    }

    private void schedule(String id) {
        Stream maintenance = new Stream(id, true);
        streams.put(id, maintenance);
        maintenance.planned = new HashMap<>(someComponents());
        if (random.nextBoolean()) {
            maintenance.planned.put(anyComponent(), ComponentStatus.under_maintenance);
        }
        at(clock).scheduled(id, maintenance.planned);
        maintenance.imposes(clock, Map.of());
    }

    private void maintain(Stream maintenance) {
        int choice = random.nextInt(10);
        if (!maintenance.active) {
            if (choice < 8) {
                at(clock).maintenance(maintenance.id).started();
            } else {
                at(clock).maintenance(maintenance.id).verifying();
            }
            maintenance.active = true;
            maintenance.imposes(clock, maintenance.planned);
        } else if (choice < 3) {
            at(clock).maintenance(maintenance.id).updated();
        } else if (choice < 5) {
            at(clock).maintenance(maintenance.id).verifying();
        } else {
            if (choice < 8) {
                at(clock).maintenance(maintenance.id).completed();
            } else {
                at(clock).maintenance(maintenance.id).cancelled();
            }
            maintenance.active = false;
            maintenance.finished = true;
            maintenance.imposes(clock, Map.of());
        }
    }
}
