package org.incidentplatform.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.domain.Decisions.events;
import static org.incidentplatform.incident.domain.Decisions.rejection;
import static org.incidentplatform.incident.domain.Rejection.Kind.CONFLICT;
import static org.incidentplatform.incident.domain.Rejection.Kind.INVALID;
import static org.incidentplatform.incident.domain.Rejection.Kind.NOT_FOUND;
import static org.incidentplatform.schemas.Vocabulary.ComponentStatus.UNDER_MAINTENANCE;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.incident.domain.MaintenanceCommand.CancelMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.CompleteMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.PostMaintenanceUpdate;
import org.incidentplatform.incident.domain.MaintenanceCommand.ScheduleMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.StartMaintenance;
import org.incidentplatform.incident.domain.MaintenanceCommand.VerifyMaintenance;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceCancelled;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceCompleted;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceScheduled;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceStarted;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceUpdatePosted;
import org.incidentplatform.incident.domain.MaintenanceEvent.MaintenanceVerifying;
import org.junit.jupiter.api.Test;

class MaintenanceDeciderTests {

    /** Minute 0: scheduled; the window runs from minute 60 to minute 120. */
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private static final Set<String> CATALOGUE = Set.of("db", "api");

    private static Instant at(long minutes) {
        return T0.plus(minutes, ChronoUnit.MINUTES);
    }

    private static Decision<MaintenanceEvent> decide(MaintenanceCommand command, MaintenanceEvent... given) {
        return MaintenanceDecider.decide(command, MaintenanceDecider.replay(List.of(given)), CATALOGUE);
    }

    private static ScheduleMaintenance schedule(Instant from, Instant until) {
        return new ScheduleMaintenance(
                "mnt-1",
                "Database upgrade",
                "Upgrading the primary.",
                Map.of("db", UNDER_MAINTENANCE),
                from,
                until,
                true,
                true,
                T0);
    }

    private static MaintenanceScheduled scheduled(boolean automatic) {
        return new MaintenanceScheduled(
                "mnt-1",
                "Database upgrade",
                "Upgrading the primary.",
                Map.of("db", UNDER_MAINTENANCE),
                at(60),
                at(120),
                automatic,
                automatic,
                T0);
    }

    private static MaintenanceStarted started(long minute) {
        return new MaintenanceStarted("Started.", false, at(minute));
    }

    private static MaintenanceVerifying verifying(long minute) {
        return new MaintenanceVerifying("Checking.", at(minute));
    }

    @Test
    void schedule_recordsTheWindow() {
        assertThat(events(decide(schedule(at(60), at(120))))).containsExactly(scheduled(true));
    }

    @Test
    void schedule_isRejected_whenAlreadyScheduled() {
        rejection(decide(schedule(at(60), at(120)), scheduled(false)), CONFLICT);
    }

    @Test
    void schedule_isRejected_whenWindowDoesNotEndAfterItStarts() {
        rejection(decide(schedule(at(60), at(60))), INVALID, "scheduledUntil");
        rejection(decide(schedule(at(60), at(30))), INVALID, "scheduledUntil");
        rejection(decide(schedule(null, at(30))), INVALID, "scheduledFor");
    }

    @Test
    void schedule_isRejected_forUnknownComponent() {
        var command = new ScheduleMaintenance(
                "mnt-1", "t", "m", Map.of("cdn", UNDER_MAINTENANCE), at(60), at(120), false, false, T0);

        assertThat(rejection(decide(command), INVALID, "components").reason()).contains("unknown component 'cdn'");
    }

    @Test
    void schedule_isRejected_withoutTitleOrMessage() {
        rejection(
                decide(new ScheduleMaintenance("mnt-1", " ", "m", Map.of(), at(60), at(120), false, false, T0)),
                INVALID,
                "title");
        rejection(
                decide(new ScheduleMaintenance("mnt-1", "t", null, Map.of(), at(60), at(120), false, false, T0)),
                INVALID,
                "message");
    }

    @Test
    void everyCommand_isRejected_whenMaintenanceNotScheduled() {
        for (MaintenanceCommand command : List.of(
                new StartMaintenance("m", false, at(60)),
                new PostMaintenanceUpdate("m", at(60)),
                new VerifyMaintenance("m", at(60)),
                new CompleteMaintenance("m", false, at(60)),
                new CancelMaintenance("m", at(60)))) {
            rejection(decide(command), NOT_FOUND);
        }
    }

    @Test
    void start_startsAScheduledMaintenance_evenEarly() {
        assertThat(events(decide(new StartMaintenance("Started.", false, at(50)), scheduled(false))))
                .containsExactly(started(50));
    }

    @Test
    void start_isRejected_whenAlreadyStarted() {
        rejection(decide(new StartMaintenance("m", false, at(70)), scheduled(false), started(60)), CONFLICT);
    }

    @Test
    void automaticStart_happensAtScheduledFor_whenAskedFor() {
        assertThat(events(decide(new StartMaintenance("Started.", true, at(60)), scheduled(true))))
                .containsExactly(new MaintenanceStarted("Started.", true, at(60)));
    }

    @Test
    void automaticStart_isRejected_whenNotScheduledToStartAutomatically() {
        rejection(decide(new StartMaintenance("m", true, at(60)), scheduled(false)), CONFLICT);
    }

    @Test
    void automaticStart_isRejected_beforeScheduledFor() {
        rejection(decide(new StartMaintenance("m", true, at(59)), scheduled(true)), INVALID, "occurredAt");
    }

    @Test
    void update_postsAMessage_andKeepsTheStatus() {
        var events = events(decide(new PostMaintenanceUpdate("Halfway.", at(80)), scheduled(false), started(60)));

        assertThat(events).containsExactly(new MaintenanceUpdatePosted("Halfway.", at(80)));
        assertThat(MaintenanceDecider.replay(List.of(scheduled(false), started(60), events.get(0)))
                        .status())
                .isEqualTo(MaintenanceStatus.IN_PROGRESS);
    }

    @Test
    void update_isRejected_withoutMessage() {
        rejection(decide(new PostMaintenanceUpdate(" ", at(80)), scheduled(false)), INVALID, "message");
    }

    @Test
    void verify_followsProgress() {
        assertThat(events(decide(new VerifyMaintenance("Checking.", at(100)), scheduled(false), started(60))))
                .containsExactly(verifying(100));
    }

    @Test
    void verify_isRejected_unlessInProgress() {
        rejection(decide(new VerifyMaintenance("m", at(100)), scheduled(false)), CONFLICT);
        rejection(decide(new VerifyMaintenance("m", at(110)), scheduled(false), started(60), verifying(100)), CONFLICT);
    }

    @Test
    void complete_followsProgressOrVerification() {
        var complete = new CompleteMaintenance("Done.", false, at(115));

        assertThat(events(decide(complete, scheduled(false), started(60))))
                .containsExactly(new MaintenanceCompleted("Done.", false, at(115)));
        assertThat(events(decide(complete, scheduled(false), started(60), verifying(100))))
                .containsExactly(new MaintenanceCompleted("Done.", false, at(115)));
    }

    @Test
    void complete_isRejected_beforeTheStart() {
        rejection(decide(new CompleteMaintenance("m", false, at(115)), scheduled(false)), CONFLICT);
    }

    @Test
    void automaticComplete_happensAtScheduledUntil_whenAskedFor() {
        assertThat(events(decide(new CompleteMaintenance("Done.", true, at(120)), scheduled(true), started(60))))
                .containsExactly(new MaintenanceCompleted("Done.", true, at(120)));
        rejection(
                decide(new CompleteMaintenance("m", true, at(119)), scheduled(true), started(60)),
                INVALID,
                "occurredAt");
        rejection(decide(new CompleteMaintenance("m", true, at(120)), scheduled(false), started(60)), CONFLICT);
    }

    @Test
    void cancel_isAccepted_whileScheduledOrInProgress() {
        assertThat(events(decide(new CancelMaintenance("Postponed.", at(30)), scheduled(false))))
                .containsExactly(new MaintenanceCancelled("Postponed.", at(30)));
        assertThat(events(decide(new CancelMaintenance("Rolled back.", at(70)), scheduled(false), started(60))))
                .hasSize(1);
    }

    @Test
    void cancel_isRejected_whileVerifying() {
        rejection(decide(new CancelMaintenance("m", at(110)), scheduled(false), started(60), verifying(100)), CONFLICT);
    }

    @Test
    void completedOrCancelledMaintenance_acceptsNothing() {
        var completed = new MaintenanceCompleted("Done.", false, at(115));
        var cancelled = new MaintenanceCancelled("Off.", at(30));

        rejection(decide(new PostMaintenanceUpdate("m", at(130)), scheduled(false), started(60), completed), CONFLICT);
        rejection(decide(new StartMaintenance("m", false, at(130)), scheduled(false), cancelled), CONFLICT);
        rejection(decide(new CancelMaintenance("m", at(130)), scheduled(false), cancelled), CONFLICT);
    }

    @Test
    void command_isRejected_whenEarlierThanPreviousEvent() {
        rejection(decide(new PostMaintenanceUpdate("m", at(59)), scheduled(false), started(60)), INVALID, "occurredAt");
    }

    @Test
    void evolve_walksTheStatusesAndCountsVersions() {
        var events = List.<MaintenanceEvent>of(
                scheduled(false), started(60), verifying(100), new MaintenanceCompleted("Done.", false, at(115)));

        assertThat(MaintenanceDecider.initialState().version()).isZero();
        assertThat(MaintenanceDecider.replay(events.subList(0, 1)).status()).isEqualTo(MaintenanceStatus.SCHEDULED);
        assertThat(MaintenanceDecider.replay(events.subList(0, 2)).status()).isEqualTo(MaintenanceStatus.IN_PROGRESS);
        assertThat(MaintenanceDecider.replay(events.subList(0, 3)).status()).isEqualTo(MaintenanceStatus.VERIFYING);
        var done = MaintenanceDecider.replay(events);
        assertThat(done.status()).isEqualTo(MaintenanceStatus.COMPLETED);
        assertThat(done.version()).isEqualTo(4);
        assertThat(done.lastOccurredAt()).isEqualTo(at(115));
    }
}
