package org.incidentplatform.projection.statuspage;

import org.incidentplatform.projection.live.LiveStatus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A Statuspage slice's projection: the representative log, caught up. */
@TestConfiguration(proxyBeanMethods = false)
class RepresentativeLog {

    @Bean
    LiveStatus liveStatus() {
        return StatuspageLog.caughtUp(StatuspageLog.representative());
    }
}
