package org.incidentplatform.notification.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentplatform.schemas.given.GivenEvents.declaration;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.events.ActionItemAdded;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.notification.audience.Audience;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.events.NoticeType;
import org.incidentplatform.schemas.given.GivenEvents;
import org.incidentplatform.schemas.serde.AvroDeserializer;
import org.junit.jupiter.api.Test;

/** Which events deserve a notice, and what the notice says: given events, when folded, then a notice. */
class IncidentDigestsTests {

    static {
        AvroDeserializer.trustEventClasses();
    }

    private static final Instant T0 = Instant.parse("2026-03-02T09:15:00Z");

    private final GivenEvents given = new GivenEvents();

    @Test
    void declaration_isNoticed_withTheAffectedComponentsChangedFromOperational() {
        IncidentDigests.Step step = IncidentDigests.apply(null, checkoutErrors().event());

        assertThat(step.type()).isEqualTo(NoticeType.incident_declared);
        Notice notice = step.notice(1, T0);
        assertThat(notice.getTitle()).isEqualTo("Checkout errors");
        assertThat(notice.getComponents()).containsEntry("checkout", "partial_outage");
        assertThat(notice.getChangedComponents()).singleElement().satisfies(change -> {
            assertThat(change.getOldStatus()).isEqualTo("operational");
            assertThat(change.getNewStatus()).isEqualTo("partial_outage");
        });
        assertThat(step.reach()).isEqualTo(new Audience.Reach("major", Set.of("checkout")));
    }

    @Test
    void backfilledDeclaration_isHistory_notNews_andItsLaterNoticesSaySo() {
        GivenEvents.Incident writtenUp = given.at(T0)
                .declared(
                        "inc-1",
                        declaration(Impact.major, Map.of("checkout", ComponentStatus.partial_outage))
                                .titled("Checkout errors")
                                .saying("It broke.")
                                .backfilled());
        IncidentDigests.Step declared = IncidentDigests.apply(null, writtenUp.event());
        IncidentDigests.Step postmortem = IncidentDigests.apply(
                declared.digest(),
                writtenUp.postmortemPublished("What happened.").event());

        assertThat(declared.type()).isNull();
        assertThat(postmortem.notice(2, T0).getBackfilled()).isTrue();
        assertThat(IncidentDigests.apply(
                                null,
                                new GivenEvents()
                                        .at(T0)
                                        .declared(
                                                "inc-1",
                                                "Checkout errors",
                                                Impact.major,
                                                "It broke.",
                                                Map.of("checkout", ComponentStatus.partial_outage))
                                        .event())
                        .notice(1, T0)
                        .getBackfilled())
                .isFalse();
    }

    @Test
    void update_keepsTheTitle_changesStatusAndImpact_andPutsItsMessageFirst() {
        IncidentDigest declared =
                IncidentDigests.apply(null, checkoutErrors().event()).digest();

        IncidentDigests.Step step = IncidentDigests.apply(
                declared,
                given.incident("inc-1")
                        .updated(
                                "Found it.",
                                IncidentStatus.identified,
                                Impact.critical,
                                Map.of("checkout", ComponentStatus.major_outage))
                        .event());

        Notice notice = step.notice(2, T0);
        assertThat(notice.getTitle()).isEqualTo("Checkout errors");
        assertThat(notice.getStatus()).isEqualTo("identified");
        assertThat(notice.getImpact()).isEqualTo("critical");
        assertThat(notice.getUpdates())
                .extracting(update -> update.getBody())
                .containsExactly("Found it.", "It broke.");
        assertThat(notice.getChangedComponents())
                .singleElement()
                .satisfies(change -> assertThat(change.getOldStatus()).isEqualTo("partial_outage"));
        assertThat(step.digest().lastSequence()).isEqualTo(2);
    }

    @Test
    void resolution_returnsUnlistedComponentsToOperational() {
        IncidentDigest declared =
                IncidentDigests.apply(null, checkoutErrors().event()).digest();

        Notice notice = IncidentDigests.apply(
                        declared,
                        given.at(T0).incident("inc-1").resolved("Fixed.").event())
                .notice(2, T0);

        assertThat(notice.getType()).isEqualTo(NoticeType.incident_resolved);
        assertThat(notice.getComponents()).containsEntry("checkout", "operational");
        assertThat(notice.getResolvedAt()).isEqualTo(T0);
    }

    @Test
    void actionItems_moveTheSequenceOn_silently() {
        IncidentDigest declared =
                IncidentDigests.apply(null, checkoutErrors().event()).digest();

        IncidentDigests.Step step = IncidentDigests.apply(
                declared,
                given.append(
                        "inc-1",
                        ActionItemAdded.newBuilder()
                                .setActionItemId("a-1")
                                .setTitle("Add an alert")
                                .build()));

        assertThat(step.type()).isNull();
        assertThat(step.digest().lastSequence()).isEqualTo(2);
    }

    @Test
    void retraction_isANoticeOnlyForThoseTold() {
        IncidentDigest declared =
                IncidentDigests.apply(null, checkoutErrors().event()).digest();

        IncidentDigests.Step step = IncidentDigests.apply(
                declared, given.incident("inc-1").retracted().event());

        assertThat(step.type()).isEqualTo(NoticeType.incident_retracted);
        assertThat(step.onlyForThoseTold()).isTrue();
    }

    @Test
    void maintenance_isNoticedWhenScheduledStartedAndCompleted_notWhenVerifying() {
        GivenEvents.Maintenance upgrade = given.at(T0)
                .scheduled(
                        "mnt-1",
                        "Database upgrade",
                        T0.plusSeconds(3600),
                        T0.plusSeconds(4200),
                        Map.of("db", ComponentStatus.under_maintenance));
        IncidentDigests.Step scheduled = IncidentDigests.apply(null, upgrade.event());
        IncidentDigests.Step started = IncidentDigests.apply(
                scheduled.digest(), upgrade.started("Starting.").event());
        IncidentDigests.Step verifying =
                IncidentDigests.apply(started.digest(), upgrade.verifying().event());
        IncidentDigests.Step completed =
                IncidentDigests.apply(verifying.digest(), upgrade.completed().event());

        assertThat(scheduled.type()).isEqualTo(NoticeType.maintenance_scheduled);
        assertThat(scheduled.reach().impact()).isEqualTo("maintenance");
        assertThat(started.type()).isEqualTo(NoticeType.maintenance_started);
        assertThat(started.notice(2, T0).getChangedComponents())
                .singleElement()
                .satisfies(change -> assertThat(change.getNewStatus()).isEqualTo("under_maintenance"));
        assertThat(verifying.type()).isNull();
        assertThat(completed.type()).isEqualTo(NoticeType.maintenance_completed);
        assertThat(completed.notice(4, T0).getComponents()).containsEntry("db", "operational");
    }

    @Test
    void aLongIncident_keepsTheMostRecentUpdatesOnly_newestFirst() {
        GivenEvents.Incident incident = checkoutErrors();
        IncidentDigest digest = IncidentDigests.apply(null, incident.event()).digest();
        IncidentDigests.Step step = null;
        for (long sequence = 2; sequence <= 1_000; sequence++) {
            step = IncidentDigests.apply(
                    digest,
                    incident.updated("Update " + sequence, null, Map.of()).event());
            digest = step.digest();
        }

        Notice notice = step.notice(1_000, T0);
        assertThat(notice.getUpdates()).hasSize(IncidentDigests.MAX_UPDATES);
        assertThat(notice.getUpdates().get(0).getBody()).isEqualTo("Update 1000");
        assertThat(notice.getUpdates().get(IncidentDigests.MAX_UPDATES - 1).getBody())
                .isEqualTo("Update " + (1_000 - IncidentDigests.MAX_UPDATES + 1));
        assertThat(notice.getTitle()).isEqualTo("Checkout errors");
    }

    @Test
    void postmortem_carriesItsBodyAndPublicationTime_onlyOnItsOwnNotice() {
        GivenEvents.Incident incident = checkoutErrors();
        IncidentDigests.Step declared = IncidentDigests.apply(null, incident.event());
        IncidentDigests.Step postmortem = IncidentDigests.apply(
                declared.digest(),
                incident.postmortemPublished("What happened, in full.").event());

        Notice published = postmortem.notice(2, T0.plusSeconds(60));
        assertThat(published.getPostmortemBody()).isEqualTo("What happened, in full.");
        assertThat(published.getPostmortemPublishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(declared.notice(1, T0).getPostmortemBody()).isNull();
        assertThat(declared.notice(1, T0).getPostmortemPublishedAt()).isNull();
    }

    @Test
    void catalogueEvents_areNotAboutAnIncident() {
        IncidentDigests.Step step = IncidentDigests.apply(
                null,
                given.catalogue()
                        .componentAdded("checkout", "Checkout", null, 1)
                        .event());

        assertThat(step.digest()).isNull();
    }

    /** inc-1, "Checkout errors": major, checkout in partial outage, "It broke.", declared at T0. */
    private GivenEvents.Incident checkoutErrors() {
        return given.at(T0)
                .declared(
                        "inc-1",
                        "Checkout errors",
                        Impact.major,
                        "It broke.",
                        Map.of("checkout", ComponentStatus.partial_outage));
    }
}
