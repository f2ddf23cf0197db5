package org.incidentplatform.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.incident.domain.Decisions.events;
import static org.incidentplatform.incident.domain.Decisions.rejection;
import static org.incidentplatform.incident.domain.Incidents.at;
import static org.incidentplatform.incident.domain.Incidents.decide;
import static org.incidentplatform.incident.domain.Incidents.declared;
import static org.incidentplatform.incident.domain.Incidents.resolved;
import static org.incidentplatform.incident.domain.Rejection.Kind.INVALID;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.incidentplatform.incident.domain.CatalogueCommand.AddComponent;
import org.incidentplatform.incident.domain.CatalogueCommand.AddGroup;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentAdded;
import org.incidentplatform.incident.domain.CatalogueEvent.ComponentGroupAdded;
import org.incidentplatform.incident.domain.IncidentCommand.AddActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.PublishPostmortem;
import org.incidentplatform.incident.domain.IncidentEvent.ActionItemAdded;
import org.junit.jupiter.api.Test;

/**
 * Whatever a decider accepts must fit the log and the stream's snapshot: counts are capped where
 * a stream's state would otherwise grow without bound, and times stay within what the log holds.
 */
class LimitsTests {

    private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void anIncident_takesAtMost200ActionItems() {
        List<IncidentEvent> given = new ArrayList<>(List.of(declared()));
        for (int i = 0; i < Require.ACTION_ITEMS_MAX; i++) {
            given.add(new ActionItemAdded("ai-" + i, "t", null, null, at(1)));
        }

        rejection(
                decide(new AddActionItem("one-more", "t", null, null, at(2)), given.toArray(IncidentEvent[]::new)),
                INVALID,
                "actionItemId");
        given.remove(given.size() - 1);
        assertThat(events(decide(
                        new AddActionItem("one-more", "t", null, null, at(2)), given.toArray(IncidentEvent[]::new))))
                .hasSize(1);
    }

    @Test
    void aPostmortem_namesAtMost20ContributingFactors() {
        List<String> factors = Collections.nCopies(Require.FACTORS_MAX + 1, "factor");

        rejection(
                decide(new PublishPostmortem("body", "cause", factors, at(40)), declared(), resolved(30)),
                INVALID,
                "contributingFactors");
        assertThat(events(decide(
                        new PublishPostmortem("body", "cause", factors.subList(0, Require.FACTORS_MAX), at(40)),
                        declared(),
                        resolved(30))))
                .hasSize(1);
    }

    @Test
    void theCatalogue_holdsAtMost500ComponentsAnd100Groups() {
        List<CatalogueEvent> components = new ArrayList<>();
        for (int i = 0; i < Require.COMPONENTS_MAX; i++) {
            components.add(new ComponentAdded("c-" + i, "C", null, null, 0, false, T));
        }
        List<CatalogueEvent> groups = new ArrayList<>();
        for (int i = 0; i < Require.GROUPS_MAX; i++) {
            groups.add(new ComponentGroupAdded("g-" + i, "G", null, 0, T));
        }

        rejection(
                CatalogueDecider.decide(
                        new AddComponent("one-more", "C", null, null, 0, false, T),
                        CatalogueDecider.replay(components)),
                INVALID,
                "componentId");
        rejection(
                CatalogueDecider.decide(new AddGroup("one-more", "G", null, 0, T), CatalogueDecider.replay(groups)),
                INVALID,
                "groupId");
    }

    @Test
    void timesBeforeTheLogsEpochOrBeyondItsRange_areRejectedNamingTheField() {
        rejection(
                decide(new AddActionItem("ai", "t", null, LocalDate.of(1969, 12, 31), at(1)), declared()),
                INVALID,
                "dueDate");
        rejection(
                decide(new AddActionItem("ai", "t", null, null, Instant.parse("1969-12-31T23:59:59Z")), declared()),
                INVALID,
                "occurredAt");
        rejection(
                decide(new AddActionItem("ai", "t", null, null, Instant.parse("+10000-01-01T00:00:00Z")), declared()),
                INVALID,
                "occurredAt");
    }
}
