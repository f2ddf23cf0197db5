package org.incidentplatform.notification.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.incidentplatform.notification.events.NoticeType;
import org.incidentplatform.notification.subscription.Channel;
import org.incidentplatform.notification.subscription.Impact;
import org.incidentplatform.notification.subscription.Subscription;
import org.junit.jupiter.api.Test;

class AudienceTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");

    @Test
    void subscriptionToNoComponents_hearsOfEveryComponent() {
        assertThat(Audience.shouldTell(webhook(Set.of(), Impact.NONE, true),
                incident(NoticeType.incident_declared, "minor", "api"), false)).isTrue();
    }

    @Test
    void subscriptionToSomeComponents_hearsOnlyOfIncidentsAffectingOneOfThem() {
        Subscription subscription = webhook(Set.of("api", "web-app"), Impact.NONE, true);

        assertThat(Audience.shouldTell(subscription, incident(NoticeType.incident_declared, "major", "web-app", "db"),
                false)).isTrue();
        assertThat(Audience.shouldTell(subscription, incident(NoticeType.incident_declared, "major", "db"), false))
                .isFalse();
    }

    @Test
    void incidentBelowTheMinimumImpact_isNotTold() {
        Subscription majorOnly = webhook(Set.of(), Impact.MAJOR, true);

        assertThat(Audience.shouldTell(majorOnly, incident(NoticeType.incident_declared, "minor", "api"), false))
                .isFalse();
        assertThat(Audience.shouldTell(majorOnly, incident(NoticeType.incident_declared, "major", "api"), false))
                .isTrue();
        assertThat(Audience.shouldTell(majorOnly, incident(NoticeType.incident_declared, "critical", "api"), false))
                .isTrue();
    }

    @Test
    void impactRaisedByAnUpdate_reachesThoseWhoseMinimumItNowMeets() {
        Subscription majorOnly = webhook(Set.of(), Impact.MAJOR, true);

        assertThat(Audience.shouldTell(majorOnly, incident(NoticeType.incident_updated, "critical", "api"), false))
                .isTrue();
    }

    @Test
    void subscriberAlreadyTold_hearsTheResolution_evenWhenImpactDroppedBelowTheirMinimum() {
        Subscription majorOnly = webhook(Set.of(), Impact.MAJOR, true);

        assertThat(Audience.shouldTell(majorOnly, incident(NoticeType.incident_resolved, "minor", "api"), true))
                .isTrue();
    }

    @Test
    void maintenance_isToldOnlyToThoseWhoOptedIn_whateverTheirMinimumImpact() {
        Occurrence scheduled = new Occurrence(NoticeType.maintenance_scheduled, true, "maintenance", Set.of("db"));

        assertThat(Audience.shouldTell(webhook(Set.of(), Impact.CRITICAL, true), scheduled, false)).isTrue();
        assertThat(Audience.shouldTell(webhook(Set.of(), Impact.NONE, false), scheduled, false)).isFalse();
    }

    @Test
    void unconfirmedEmail_neverHearsOfAnIncident() {
        Subscription pending = new Subscription("sub-1", Channel.EMAIL, "a@example.com", Set.of(), Impact.NONE, true,
                Subscription.Status.PENDING, null, NOW, null);

        assertThat(Audience.shouldTell(pending, incident(NoticeType.incident_declared, "critical", "api"), false))
                .isFalse();
    }

    @Test
    void unsubscribedOrQuarantined_hearNothing_evenOfWhatTheyWereToldBefore() {
        Subscription unsubscribed = webhook(Set.of(), Impact.NONE, true)
                .withStatus(Subscription.Status.UNSUBSCRIBED, NOW);
        Subscription quarantined = webhook(Set.of(), Impact.NONE, true)
                .withStatus(Subscription.Status.QUARANTINED, NOW);

        assertThat(Audience.shouldTell(unsubscribed, incident(NoticeType.incident_updated, "major", "api"), true))
                .isFalse();
        assertThat(Audience.shouldTell(quarantined, incident(NoticeType.incident_updated, "major", "api"), true))
                .isFalse();
    }

    @Test
    void retraction_isToldOnlyToThoseToldOfTheIncident() {
        Subscription everything = webhook(Set.of(), Impact.NONE, true);
        Occurrence retracted = incident(NoticeType.incident_retracted, "major", "api");

        assertThat(Audience.shouldTell(everything, retracted, false)).isFalse();
        assertThat(Audience.shouldTell(everything, retracted, true)).isTrue();
    }

    private static Occurrence incident(NoticeType type, String impact, String... components) {
        return new Occurrence(type, false, impact, Set.of(components));
    }

    private static Subscription webhook(Set<String> components, Impact minImpact, boolean maintenance) {
        return new Subscription("sub-" + components.hashCode() + minImpact, Channel.WEBHOOK, "https://example.com/hook",
                components, minImpact, maintenance, Subscription.Status.ACTIVE, "whsec_a2V5", NOW, NOW);
    }
}
