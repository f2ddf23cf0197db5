package org.incidentplatform.notification.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.incidentplatform.notification.audience.Audience.Reach;
import org.incidentplatform.notification.subscription.Channel;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.junit.jupiter.api.Test;

/** Who hears of a notice: given a subscription and what the incident concerned, whether it is told. */
class AudienceTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");

    @Test
    void subscriptionToNoComponents_hearsOfEveryComponent() {
        assertThat(news("minor", "api").includes(webhook(Set.of(), Impact.NONE, true)))
                .isTrue();
    }

    @Test
    void subscriptionToSomeComponents_hearsOnlyOfIncidentsAffectingOneOfThem() {
        Subscription subscription = webhook(Set.of("api", "web-app"), Impact.NONE, true);

        assertThat(news("major", "web-app", "db").includes(subscription)).isTrue();
        assertThat(news("major", "db").includes(subscription)).isFalse();
    }

    @Test
    void incidentBelowTheMinimumImpact_isNotTold() {
        Subscription majorOnly = webhook(Set.of(), Impact.MAJOR, true);

        assertThat(news("minor", "api").includes(majorOnly)).isFalse();
        assertThat(news("major", "api").includes(majorOnly)).isTrue();
        assertThat(news("critical", "api").includes(majorOnly)).isTrue();
    }

    @Test
    void impactRaisedByAnUpdate_reachesThoseWhoseMinimumItNowMeets() {
        Subscription majorOnly = webhook(Set.of(), Impact.MAJOR, true);
        Audience raised = new Audience(false, false, reach("critical", "api"), List.of(reach("minor", "api")));

        assertThat(raised.includes(majorOnly)).isTrue();
    }

    @Test
    void subscriberAlreadyTold_hearsTheRest_evenWhenImpactDroppedBelowTheirMinimum() {
        Subscription majorOnly = webhook(Set.of(), Impact.MAJOR, true);
        Audience dropped = new Audience(false, false, reach("minor", "api"), List.of(reach("major", "api")));

        assertThat(dropped.includes(majorOnly)).isTrue();
    }

    @Test
    void subscriberToAComponentTheIncidentNoLongerAffects_hearsTheRest_ifTheyWereTold() {
        Subscription dbOnly = webhook(Set.of("db"), Impact.NONE, true);
        Audience movedOn = new Audience(false, false, reach("major", "api"), List.of(reach("major", "db")));

        assertThat(movedOn.includes(dbOnly)).isTrue();
        assertThat(news("major", "api").includes(dbOnly)).isFalse();
    }

    @Test
    void toldIsDecidedPerEarlierNotice_notByMixingThem() {
        // Minor on db, then major on api: a major-only db subscriber was concerned by neither notice.
        Subscription majorDb = webhook(Set.of("db"), Impact.MAJOR, true);
        Audience retracted =
                new Audience(false, true, reach("major", "api"), List.of(reach("minor", "db"), reach("major", "api")));

        assertThat(retracted.includes(majorDb)).isFalse();
    }

    @Test
    void maintenance_isToldOnlyToThoseWhoOptedIn_whateverTheirMinimumImpact() {
        Audience scheduled = new Audience(true, false, reach("maintenance", "db"), List.of());

        assertThat(scheduled.includes(webhook(Set.of(), Impact.CRITICAL, true))).isTrue();
        assertThat(scheduled.includes(webhook(Set.of(), Impact.NONE, false))).isFalse();
    }

    @Test
    void unconfirmedEmail_neverHearsOfAnIncident() {
        Subscription pending = new Subscription(
                "sub-1",
                Channel.EMAIL,
                "a@example.com",
                Set.of(),
                Impact.NONE,
                true,
                Subscription.Status.PENDING,
                null,
                NOW,
                null);

        assertThat(news("critical", "api").includes(pending)).isFalse();
    }

    @Test
    void unsubscribedOrQuarantined_hearNothing_evenOfWhatTheyWereToldBefore() {
        Audience update = new Audience(false, false, reach("major", "api"), List.of(reach("major", "api")));

        assertThat(update.includes(
                        webhook(Set.of(), Impact.NONE, true).withStatus(Subscription.Status.UNSUBSCRIBED, NOW)))
                .isFalse();
        assertThat(update.includes(
                        webhook(Set.of(), Impact.NONE, true).withStatus(Subscription.Status.QUARANTINED, NOW)))
                .isFalse();
    }

    @Test
    void retraction_isToldOnlyToThoseToldOfTheIncident() {
        Subscription everything = webhook(Set.of(), Impact.NONE, true);

        assertThat(new Audience(false, true, reach("major", "api"), List.of()).includes(everything))
                .isFalse();
        assertThat(new Audience(false, true, reach("major", "api"), List.of(reach("major", "api")))
                        .includes(everything))
                .isTrue();
    }

    @Test
    void reach_keepsDistinctEntriesOnce() {
        List<Reach> reach = Audience.widened(List.of(reach("major", "api")), reach("major", "api"));

        assertThat(reach).containsExactly(reach("major", "api"));
    }

    @Test
    void reachOfAnIncidentThatKeepsChanging_staysBounded_andNeverForgetsWhoWasTold() {
        List<Reach> reach = List.of();
        for (int i = 0; i < 1_000; i++) {
            reach = Audience.widened(reach, reach(i % 2 == 0 ? "minor" : "critical", "component-" + i));
        }

        assertThat(reach).hasSize(Audience.MAX_REACH);
        // The first component, merged long ago, still counts its subscribers as told, at the highest impact seen.
        Subscription firstComponent = webhook(Set.of("component-0"), Impact.CRITICAL, true);
        assertThat(new Audience(false, true, reach("none", "elsewhere"), reach).includes(firstComponent))
                .isTrue();
        List<Reach> all = new ArrayList<>(reach);
        assertThat(all.get(all.size() - 1)).isEqualTo(reach("critical", "component-999"));
    }

    private static Audience news(String impact, String... components) {
        return new Audience(false, false, reach(impact, components), List.of());
    }

    private static Reach reach(String impact, String... components) {
        return new Reach(impact, Set.of(components));
    }

    private static Subscription webhook(Set<String> components, Impact minImpact, boolean maintenance) {
        return new Subscription(
                "sub-" + components.hashCode() + minImpact,
                Channel.WEBHOOK,
                "https://example.com/hook",
                components,
                minImpact,
                maintenance,
                Subscription.Status.ACTIVE,
                "whsec_a2V5",
                NOW,
                NOW);
    }
}
