package org.incidentplatform.projection.live;

import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * UP once the status has caught up with the log; until then the page would show too little. Names the streams that
 * wait for a missing event (their later events are held, see {@link LiveStatus}): still UP, the rest of the page is
 * current, but an operator sees which incident shows an older state and since when.
 */
@Component("statusProjection")
final class ProjectionHealth implements HealthIndicator {

    private final LiveStatus status;

    ProjectionHealth(LiveStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        Instant asOf = status.dataAsOf();
        Health.Builder health = status.caughtUp() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
        return health.withDetail("caughtUp", status.caughtUp())
                .withDetail("appliedEvents", status.current().appliedEvents())
                .withDetail("dataAsOf", asOf == null ? "never" : asOf.toString())
                .withDetail("streamsWaitingForMissingEvent", status.waitingForGaps())
                .build();
    }
}
