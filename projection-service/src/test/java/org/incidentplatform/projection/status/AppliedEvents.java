package org.incidentplatform.projection.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.incidentplatform.schemas.given.GivenEvents;

/** Given events that a status projection applies as they are appended, each of which it must apply. */
final class AppliedEvents {

    private AppliedEvents() {}

    static GivenEvents to(StatusProjection projection) {
        return new GivenEvents()
                .onEach(event -> assertThat(projection.offer(event))
                        .as("applying %s", event.getPayload())
                        .isEqualTo(StatusProjection.Outcome.APPLIED));
    }
}
