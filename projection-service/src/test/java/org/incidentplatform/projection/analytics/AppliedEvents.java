package org.incidentplatform.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.incidentplatform.schemas.given.GivenEvents;

/** Given events that the analytics read model applies as they are appended, each of which it must apply. */
final class AppliedEvents {

    private AppliedEvents() {}

    static GivenEvents to(Analytics analytics) {
        return new GivenEvents()
                .onEach(event -> assertThat(analytics.offer(event))
                        .as("applying %s", event.getPayload())
                        .isEqualTo(Analytics.Outcome.APPLIED));
    }
}
