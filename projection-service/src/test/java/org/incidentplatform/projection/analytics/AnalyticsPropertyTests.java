package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.analytics.MttrQuery.GroupBy;
import org.incidentplatform.projection.analytics.RandomIncidentLog.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties over many random valid logs (seeded, so a failure names the log that shows it): the read
 * model agrees with a model of the log written down as the log was made, and its answers depend on the
 * log alone, not on redeliveries or on how streams happen to be interleaved.
 */
class AnalyticsPropertyTests {

    private static final int LOGS = 500;
    private static final long MINUTE = 60_000;
    private static final long DAY = 1440 * MINUTE;

    private static Analytics fed(List<IncidentEvent> events) {
        Analytics analytics = new Analytics();
        for (IncidentEvent event : events) {
            assertThat(analytics.offer(event)).as("%s", event).isEqualTo(Analytics.Outcome.APPLIED);
        }
        return analytics;
    }

    /** Everything the read model answers about a log, as text: equal text, equal answers. */
    static String answers(
            Analytics analytics,
            List<String> components,
            List<List<String>> groups,
            LocalDate from,
            LocalDate to,
            Instant now) {
        StringBuilder answers =
                new StringBuilder().append(analytics.incidents()).append('\n');
        for (GroupBy groupBy : GroupBy.values()) {
            for (MttrQuery query : List.of(
                    MttrQuery.all(),
                    MttrQuery.all().includingRetracted().includingImpactNone(),
                    MttrQuery.all().touching("web").atLeast(Impact.major))) {
                MttrReport report = analytics.mttr(query.groupedBy(groupBy));
                answers.append(report).append('\n').append(report.toCsv());
            }
        }
        components.forEach(
                c -> answers.append(analytics.uptime(c, from, to, now)).append('\n'));
        groups.forEach(
                members -> answers.append(analytics.membersUptime(members, from, to, now, analytics.partialWeight()))
                        .append('\n'));
        return answers.toString();
    }

    private static String answers(Analytics analytics, RandomIncidentLog log) {
        return answers(
                analytics,
                RandomIncidentLog.COMPONENTS,
                List.of(RandomIncidentLog.GROUP_MEMBERS),
                log.firstDay(),
                log.lastDay(),
                Instant.ofEpochMilli(log.latest).plus(1, ChronoUnit.DAYS));
    }

    private static Long seconds(Long at, long startedAt) {
        return at == null ? null : (at - startedAt) / 1000;
    }

    @Test
    void durationsAreTheLogsMilestones_nonNegative_andOrdered() {
        Random random = new Random(5);
        for (int n = 0; n < LOGS; n++) {
            RandomIncidentLog log = RandomIncidentLog.generate(random, true);
            Analytics analytics = fed(log.events());
            for (Stream expected : log.streams.values()) {
                if (expected.maintenance) {
                    continue;
                }
                IncidentDurations actual = analytics.incident(expected.id).orElseThrow();
                String context = "log " + n + ", " + expected.id;
                long started = expected.startedAt;
                assertThat(actual.timeToDetect()).as(context).isEqualTo(seconds(expected.detectedAt, started));
                assertThat(actual.timeToIdentify()).as(context).isEqualTo(seconds(expected.identifiedAt, started));
                assertThat(actual.timeToMitigate()).as(context).isEqualTo(seconds(expected.mitigatedAt, started));
                assertThat(actual.timeToResolve()).as(context).isEqualTo(seconds(expected.resolvedAt, started));
                assertThat(actual.impact()).as(context).isEqualTo(expected.highestImpact);
                assertThat(actual.retracted()).as(context).isEqualTo(expected.retracted);
                assertThat(actual.timeToDetect()).as(context).isNotNegative();
                assertOrdered(actual, context);
            }
            long incidents =
                    log.streams.values().stream().filter(s -> !s.maintenance).count();
            assertThat(analytics.incidents()).hasSize((int) incidents);
            assertMttrCountsAndMeans(analytics, log, "log " + n);
        }
    }

    private static void assertOrdered(IncidentDurations incident, String context) {
        Long identify = incident.timeToIdentify();
        Long mitigate = incident.timeToMitigate();
        Long resolve = incident.timeToResolve();
        if (identify != null) {
            assertThat(identify).as(context).isNotNegative();
        }
        if (mitigate != null) {
            assertThat(identify).as(context).isNotNull().isLessThanOrEqualTo(mitigate);
        }
        if (resolve != null) {
            assertThat(mitigate).as(context).isNotNull().isLessThanOrEqualTo(resolve);
        }
    }

    private static void assertMttrCountsAndMeans(Analytics analytics, RandomIncidentLog log, String context) {
        List<Long> resolves = new ArrayList<>();
        int counted = 0;
        int open = 0;
        for (Stream incident : log.streams.values()) {
            if (incident.maintenance || incident.retracted || incident.highestImpact == Impact.none) {
                continue;
            }
            counted++;
            if (incident.resolvedAt == null) {
                open++;
            } else {
                resolves.add((incident.resolvedAt - incident.startedAt) / 1000);
            }
        }
        List<MttrReport.Group> groups = analytics.mttr(MttrQuery.all()).groups();
        if (counted == 0) {
            assertThat(groups).as(context).isEmpty();
            return;
        }
        MttrReport.Group all = groups.get(0);
        assertThat(all.incidents()).as(context).isEqualTo(counted);
        assertThat(all.open()).as(context).isEqualTo(open);
        assertThat(all.resolve().count()).as(context).isEqualTo(resolves.size());
        if (!resolves.isEmpty()) {
            double mean = resolves.stream().mapToLong(Long::longValue).average().orElseThrow();
            assertThat(all.resolve().mean()).as(context).isCloseTo(mean, within(0.0005));
            assertThat(all.resolve().max()).as(context).isEqualTo((double) Collections.max(resolves));
        }
    }

    @Test
    void rebuiltFromTheLog_orInterleavedDifferentlyAcrossStreams_givesIdenticalAnswers() {
        Random random = new Random(7);
        for (int n = 0; n < LOGS; n++) {
            RandomIncidentLog log = RandomIncidentLog.generate(random, true);
            String original = answers(fed(log.events()), log);

            assertThat(answers(fed(log.events()), log)).as("log %d rebuilt", n).isEqualTo(original);
            assertThat(answers(fed(interleavedAnew(log.events(), random)), log))
                    .as("log %d interleaved", n)
                    .isEqualTo(original);
        }
    }

    /** The same streams, each in its own order, merged in a random order. */
    private static List<IncidentEvent> interleavedAnew(List<IncidentEvent> events, Random random) {
        Map<String, Deque<IncidentEvent>> byStream = new LinkedHashMap<>();
        events.forEach(e -> byStream.computeIfAbsent(e.getIncidentId(), id -> new ArrayDeque<>())
                .add(e));
        List<Deque<IncidentEvent>> queues = new ArrayList<>(byStream.values());
        List<IncidentEvent> merged = new ArrayList<>(events.size());
        while (!queues.isEmpty()) {
            int pick = random.nextInt(queues.size());
            merged.add(queues.get(pick).poll());
            if (queues.get(pick).isEmpty()) {
                queues.remove(pick);
            }
        }
        return merged;
    }

    @Test
    void redeliveriesOfAppliedEvents_inAnyOrder_changeNothing() {
        Random random = new Random(11);
        for (int n = 0; n < LOGS; n++) {
            RandomIncidentLog log = RandomIncidentLog.generate(random, true);
            Analytics analytics = fed(log.events());
            String before = answers(analytics, log);
            List<IncidentEvent> redelivered = new ArrayList<>(log.events());
            for (int i = random.nextInt(log.events().size()); i > 0; i--) {
                redelivered.add(log.events().get(random.nextInt(log.events().size())));
            }
            Collections.shuffle(redelivered, random);

            for (IncidentEvent event : redelivered) {
                assertThat(analytics.offer(event)).isEqualTo(Analytics.Outcome.ALREADY_APPLIED);
            }

            assertThat(answers(analytics, log)).as("log %d", n).isEqualTo(before);
        }
    }

    @Test
    void uptime_matchesAMinuteByMinuteCountOfWhatEachStreamImposed() {
        Random random = new Random(13);
        for (int n = 0; n < LOGS; n++) {
            RandomIncidentLog log = RandomIncidentLog.generate(random, true);
            Analytics analytics = fed(log.events());
            long span = log.latest + DAY - RandomIncidentLog.BASE.toEpochMilli();
            Instant now = RandomIncidentLog.BASE.plusSeconds(60 * (random.nextLong(span / MINUTE) - 720));
            for (String component : RandomIncidentLog.COMPONENTS) {
                assertUptime(
                        analytics.uptime(component, log.firstDay(), log.lastDay(), now),
                        counted(log, List.of(component), now),
                        "log " + n + ", " + component);
            }
            assertUptime(
                    analytics.membersUptime(
                            RandomIncidentLog.GROUP_MEMBERS,
                            log.firstDay(),
                            log.lastDay(),
                            now,
                            analytics.partialWeight()),
                    counted(log, RandomIncidentLog.GROUP_MEMBERS, now),
                    "log " + n + ", group");
        }
    }

    private record CountedDay(long[] minutes, TreeSet<String> incidents, TreeSet<String> maintenances, long observed) {}

    /** Walks the window minute by minute, asking every stream what it imposed then. */
    private static List<CountedDay> counted(RandomIncidentLog log, List<String> members, Instant now) {
        long start = log.firstDay().toEpochDay() * DAY;
        long end = (log.lastDay().toEpochDay() + 1) * DAY;
        List<Stream> streams =
                log.streams.values().stream().filter(s -> !s.retracted).toList();
        int[] position = new int[streams.size()];
        List<CountedDay> days = new ArrayList<>();
        for (long minute = start; minute < end; minute += MINUTE) {
            if ((minute - start) % DAY == 0) {
                days.add(new CountedDay(new long[5], new TreeSet<>(), new TreeSet<>(), 0));
            }
            if (minute >= now.toEpochMilli()) {
                continue;
            }
            CountedDay day = days.get(days.size() - 1);
            int worst = 0;
            for (int s = 0; s < streams.size(); s++) {
                Stream stream = streams.get(s);
                while (position[s] < stream.from.size() && stream.from.get(position[s]) <= minute) {
                    position[s]++;
                }
                if (position[s] == 0) {
                    continue;
                }
                Map<String, ComponentStatus> imposed = stream.imposed.get(position[s] - 1);
                for (String member : members) {
                    ComponentStatus status = imposed.get(member);
                    int rank = status == null ? 0 : ComponentTimeline.rank(status);
                    if (rank > 0) {
                        (stream.maintenance ? day.maintenances() : day.incidents()).add(stream.id);
                    }
                    worst = Math.max(worst, rank);
                }
            }
            day.minutes()[worst]++;
            days.set(
                    days.size() - 1,
                    new CountedDay(day.minutes(), day.incidents(), day.maintenances(), day.observed() + 1));
        }
        return days;
    }

    private static void assertUptime(UptimeReport report, List<CountedDay> expected, String context) {
        assertThat(report.days()).as(context).hasSize(expected.size());
        long observed = 0;
        double down = 0;
        for (int d = 0; d < expected.size(); d++) {
            UptimeReport.Day day = report.days().get(d);
            CountedDay counted = expected.get(d);
            long[] minutes = counted.minutes();
            String on = context + ", " + day.date();
            assertThat(day.observedMinutes()).as(on).isEqualTo((double) counted.observed());
            assertThat(day.maintenanceMinutes()).as(on).isEqualTo((double) minutes[1]);
            assertThat(day.degradedMinutes()).as(on).isEqualTo((double) minutes[2]);
            assertThat(day.partialMinutes()).as(on).isEqualTo((double) minutes[3]);
            assertThat(day.majorMinutes()).as(on).isEqualTo((double) minutes[4]);
            assertThat(day.incidents()).as(on).containsExactlyElementsOf(counted.incidents());
            assertThat(day.maintenances()).as(on).containsExactlyElementsOf(counted.maintenances());
            if (counted.observed() == 0) {
                assertThat(day.uptimePercent()).as(on).isNull();
                assertThat(day.worstStatus()).as(on).isNull();
                continue;
            }
            double dayDown = minutes[4] + 0.3 * minutes[3];
            assertThat(day.uptimePercent())
                    .as(on)
                    .isCloseTo(100 * (1 - dayDown / counted.observed()), within(1e-9))
                    .isBetween(0.0, 100.0);
            int worst = 4;
            while (worst > 0 && minutes[worst] == 0) {
                worst--;
            }
            assertThat(ComponentTimeline.rank(day.worstStatus())).as(on).isEqualTo(worst);
            observed += counted.observed();
            down += dayDown;
        }
        if (observed == 0) {
            assertThat(report.uptimePercent()).as(context).isNull();
        } else {
            assertThat(report.uptimePercent()).as(context).isCloseTo(100 * (1 - down / observed), within(1e-9));
        }
    }

    @Test
    void timesGoingBackwards_identifyMitigateResolveStayOrdered_andUptimeStaysInBounds() {
        Random random = new Random(17);
        for (int n = 0; n < LOGS; n++) {
            RandomIncidentLog log = RandomIncidentLog.generate(random, false);
            Analytics analytics = fed(log.events());
            for (IncidentDurations incident : analytics.incidents()) {
                Long mitigate = incident.timeToMitigate();
                Long resolve = incident.timeToResolve();
                String context = "log " + n + ", " + incident.incidentId();
                if (mitigate != null) {
                    assertThat(incident.timeToIdentify())
                            .as(context)
                            .isNotNull()
                            .isLessThanOrEqualTo(mitigate);
                }
                if (resolve != null) {
                    assertThat(mitigate).as(context).isNotNull().isLessThanOrEqualTo(resolve);
                }
            }
            Instant now = Instant.ofEpochMilli(log.latest);
            for (String component : RandomIncidentLog.COMPONENTS) {
                for (UptimeReport.Day day : analytics
                        .uptime(component, log.firstDay(), log.lastDay(), now)
                        .days()) {
                    assertThat(day.degradedMinutes()
                                    + day.partialMinutes()
                                    + day.majorMinutes()
                                    + day.maintenanceMinutes())
                            .as("log %d", n)
                            .isLessThanOrEqualTo(day.observedMinutes());
                    if (day.uptimePercent() != null) {
                        assertThat(day.uptimePercent()).as("log %d", n).isBetween(0.0, 100.0);
                    }
                }
            }
        }
    }
}
