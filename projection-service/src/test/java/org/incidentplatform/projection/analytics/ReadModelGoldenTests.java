package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;

/**
 * Pins what the read model answers, status documents and analytics alike, for random logs of incidents and
 * maintenances (resolved, reopened, retracted, with postmortems; times sometimes stepping back) followed by a
 * back-filled incident and catalogue changes (a hidden component, a rename, a move, a removal, a group removed).
 * The expected text was written by the model as it was before it was made compact
 * ({@code -Dgolden.write=true} writes it anew): a change of representation must not change one answer.
 */
class ReadModelGoldenTests {

    private static final String GOLDEN = "/read-model-golden.txt";
    private static final int LOGS = 24;

    @Test
    void answersAsTheModelAnsweredBeforeItWasMadeCompact() throws IOException {
        StringBuilder answers = new StringBuilder();
        for (int seed = 1; seed <= LOGS; seed++) {
            RandomIncidentLog log = RandomIncidentLog.generate(new Random(seed), seed % 3 != 0);
            appendChanges(log.given, Instant.ofEpochMilli(log.latest));
            List<IncidentEvent> events = log.events();
            LiveStatus status = LiveStatus.of(Clock.systemUTC(), events);
            answers.append("== log ").append(seed).append('\n');
            describe(status.current(), events, answers);
            describe(status.analytics(), log.firstDay(), log.lastDay().plusDays(1), answers);
        }
        String actual = answers.toString();
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(Path.of("src/test/resources" + GOLDEN), actual, StandardCharsets.UTF_8);
        }
        try (InputStream expected = ReadModelGoldenTests.class.getResourceAsStream(GOLDEN)) {
            assertThat(expected).as(GOLDEN).isNotNull();
            assertThat(actual).isEqualTo(new String(expected.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A back-filled incident, then catalogue changes that rename, hide, move and remove what incidents named. */
    private static void appendChanges(GivenEvents given, Instant after) {
        Instant at = after.plusSeconds(3600);
        given.at(at)
                .backfilled(
                        "inc-backfilled",
                        Impact.major,
                        Instant.parse("2024-05-20T10:00:00Z"),
                        Instant.parse("2024-05-20T10:05:00Z"),
                        Map.of("db", ComponentStatus.major_outage, "secret", ComponentStatus.partial_outage));
        given.at(at)
                .append(
                        "catalogue",
                        ComponentAdded.newBuilder()
                                .setComponentId("secret")
                                .setName("Secret")
                                .setDescription(null)
                                .setGroupId(null)
                                .setPosition(2)
                                .setHidden(true)
                                .build());
        given.at(at.plusSeconds(60)).catalogue().renamed("web", "Website");
        given.at(at.plusSeconds(120)).catalogue().movedToGroup("db", RandomIncidentLog.GROUP, 1);
        given.at(at.plusSeconds(180)).catalogue().removed("api");
        if (given.version("catalogue") % 2 == 0) {
            given.at(at.plusSeconds(240)).catalogue().groupRemoved(RandomIncidentLog.GROUP);
        }
    }

    private static void describe(StatusSnapshot snapshot, List<IncidentEvent> events, StringBuilder out) {
        TreeSet<String> streams = new TreeSet<>();
        events.forEach(e -> streams.add(e.getIncidentId()));
        line(out, "components", snapshot.components());
        line(out, "groups", snapshot.groups());
        line(out, "indicator", snapshot.indicator());
        line(out, "incidents", snapshot.incidents());
        line(
                out,
                "unresolved",
                snapshot.unresolvedIncidents().stream()
                        .map(StatusSnapshot.Incident::id)
                        .toList());
        line(
                out,
                "resolved",
                snapshot.resolvedIncidents().stream()
                        .map(StatusSnapshot.Incident::id)
                        .toList());
        line(out, "page 2 of 2", snapshot.page(2, 2));
        line(out, "maintenances", snapshot.maintenances());
        line(
                out,
                "upcoming",
                snapshot.upcomingMaintenances().stream()
                        .map(StatusSnapshot.Maintenance::id)
                        .toList());
        line(
                out,
                "active",
                snapshot.activeMaintenances().stream()
                        .map(StatusSnapshot.Maintenance::id)
                        .toList());
        line(
                out,
                "times",
                List.of(
                        String.valueOf(snapshot.lastEventAt()),
                        String.valueOf(snapshot.lastRecordedAt()),
                        String.valueOf(snapshot.updatedAt()),
                        String.valueOf(snapshot.appliedEvents())));
        line(out, "past", snapshot.pastIncidents(LocalDate.ofInstant(snapshot.lastEventAt(), ZoneOffset.UTC), 10));
        for (String stream : streams) {
            line(
                    out,
                    stream,
                    List.of(
                            snapshot.version(stream),
                            snapshot.incident(stream),
                            snapshot.maintenance(stream),
                            snapshot.component(stream),
                            snapshot.isHidden(stream)));
        }
        for (String component : List.of("web", "api", "db", "secret")) {
            line(out, component, List.of(snapshot.component(component), snapshot.isHidden(component)));
        }
    }

    private static void describe(Analytics analytics, LocalDate from, LocalDate to, StringBuilder out) {
        line(out, "durations", analytics.incidents());
        for (MttrQuery.GroupBy groupBy : MttrQuery.GroupBy.values()) {
            line(out, "mttr " + groupBy, analytics.mttr(MttrQuery.all().groupedBy(groupBy)));
            line(
                    out,
                    "mttr all " + groupBy,
                    analytics.mttr(MttrQuery.all()
                            .includingRetracted()
                            .includingImpactNone()
                            .groupedBy(groupBy)));
        }
        line(out, "slowest", analytics.slowestToResolve(null, null, 3));
        Instant now = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (String component : List.of("web", "api", "db", "secret")) {
            line(out, "uptime " + component, analytics.uptime(component, from, to, now));
        }
        line(out, "uptime core", analytics.membersUptime(List.of("api", "web", "db"), from, to, now, 0.5));
    }

    private static void line(StringBuilder out, String name, Object value) {
        out.append(name).append(": ").append(value).append('\n');
    }
}
