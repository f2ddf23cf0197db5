package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.events.ComponentStatus.operational;
import static org.incidentplatform.events.ComponentStatus.under_maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.status.StatusSnapshot.AffectedComponent;
import org.incidentplatform.projection.status.StatusSnapshot.Maintenance;
import org.incidentplatform.projection.status.StatusSnapshot.Update;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MaintenanceTests {

    private final StatusProjection projection = new StatusProjection();
    private final GivenEvents given = AppliedEvents.to(projection);
    private Instant tomorrow;

    @BeforeEach
    void catalogue() {
        given.standardCatalogue();
        tomorrow = given.now().plus(Duration.ofDays(1));
    }

    @Test
    void upcoming_areScheduledOnes_soonestFirst_andActive_areThoseUnderWay() {
        given.scheduled("mnt-late", tomorrow.plus(Duration.ofDays(2)), tomorrow.plus(Duration.ofDays(3)), Map.of());
        given.scheduled("mnt-soon", tomorrow, tomorrow.plus(Duration.ofHours(2)), Map.of());
        given.scheduled("mnt-now", tomorrow.plus(Duration.ofDays(1)), tomorrow.plus(Duration.ofDays(2)), Map.of());
        given.scheduled(
                "mnt-verifying", tomorrow.plus(Duration.ofDays(5)), tomorrow.plus(Duration.ofDays(6)), Map.of());
        given.maintenance("mnt-now").started();
        given.maintenance("mnt-verifying").started().verifying();

        StatusSnapshot snapshot = projection.publish();

        assertThat(snapshot.upcomingMaintenances()).extracting(Maintenance::id).containsExactly("mnt-soon", "mnt-late");
        assertThat(snapshot.activeMaintenances())
                .extracting(Maintenance::id)
                .containsExactly("mnt-now", "mnt-verifying");
        assertThat(snapshot.activeMaintenances())
                .extracting(Maintenance::status)
                .containsExactly(MaintenanceStatus.in_progress, MaintenanceStatus.verifying);
    }

    @Test
    void cancelledMaintenance_leavesUpcomingAndActive_andReadsAsCompletedEverywhereElse() {
        given.scheduled("mnt-1", tomorrow, tomorrow.plus(Duration.ofHours(2)), Map.of("api", under_maintenance));
        given.scheduled("mnt-2", tomorrow, tomorrow.plus(Duration.ofHours(2)), Map.of())
                .started();
        IncidentEvent cancelled = given.maintenance("mnt-1").cancelled().event();
        given.maintenance("mnt-2").cancelled();

        StatusSnapshot snapshot = projection.publish();

        assertThat(snapshot.upcomingMaintenances()).isEmpty();
        assertThat(snapshot.activeMaintenances()).isEmpty();
        Maintenance maintenance = snapshot.maintenance("mnt-1").orElseThrow();
        assertThat(maintenance.status()).isEqualTo(MaintenanceStatus.completed);
        assertThat(maintenance.cancelled()).isTrue();
        assertThat(maintenance.resolvedAt()).isEqualTo(cancelled.getOccurredAt());
        assertThat(maintenance.startedAt()).isNull();
        assertThat(maintenance.updates().get(0).affectedComponents())
                .as("it never took the component")
                .isEmpty();
        assertThat(snapshot.maintenances()).extracting(Maintenance::id).containsExactlyInAnyOrder("mnt-1", "mnt-2");
    }

    @Test
    void maintenance_carriesItsWindowTimesAndUpdates() {
        IncidentEvent scheduled = given.scheduled(
                        "mnt-1", tomorrow, tomorrow.plus(Duration.ofHours(2)), Map.of("api", under_maintenance))
                .event();
        IncidentEvent started =
                given.at(tomorrow).maintenance("mnt-1").started().event();
        given.maintenance("mnt-1").updated().verifying();
        IncidentEvent completed = given.maintenance("mnt-1").completed().event();

        Maintenance maintenance = projection.publish().maintenance("mnt-1").orElseThrow();

        assertThat(maintenance.name()).isEqualTo("Works mnt-1");
        assertThat(maintenance.impact()).isEqualTo(Impact.maintenance);
        assertThat(maintenance.cancelled()).isFalse();
        assertThat(maintenance.scheduledFor()).isEqualTo(tomorrow);
        assertThat(maintenance.scheduledUntil()).isEqualTo(tomorrow.plus(Duration.ofHours(2)));
        assertThat(maintenance.createdAt()).isEqualTo(scheduled.getOccurredAt());
        assertThat(maintenance.startedAt()).isEqualTo(started.getOccurredAt()).isEqualTo(tomorrow);
        assertThat(maintenance.resolvedAt()).isEqualTo(completed.getOccurredAt());
        assertThat(maintenance.updatedAt()).isEqualTo(completed.getOccurredAt());
        assertThat(maintenance.componentIds()).containsExactly("api");
        assertThat(maintenance.version()).isEqualTo(5);
        assertThat(maintenance.updates())
                .extracting(Update::status)
                .containsExactly(
                        MaintenanceStatus.completed,
                        MaintenanceStatus.verifying,
                        MaintenanceStatus.in_progress,
                        MaintenanceStatus.in_progress,
                        MaintenanceStatus.scheduled);
        assertThat(maintenance.updates().get(4).affectedComponents()).isEmpty();
        assertThat(maintenance.updates().get(3).affectedComponents())
                .containsExactly(new AffectedComponent("api", "API", operational, under_maintenance));
        assertThat(maintenance.updates().get(0).affectedComponents())
                .containsExactly(new AffectedComponent("api", "API", under_maintenance, operational));
    }
}
