package org.incidentplatform.notification.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.incidentplatform.events.ActionItemAdded;
import org.incidentplatform.events.ComponentAdded;
import org.incidentplatform.events.ComponentStatus;
import org.incidentplatform.events.Impact;
import org.incidentplatform.events.IncidentDeclared;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.events.IncidentResolved;
import org.incidentplatform.events.IncidentRetracted;
import org.incidentplatform.events.IncidentStatus;
import org.incidentplatform.events.IncidentUpdatePosted;
import org.incidentplatform.events.MaintenanceCompleted;
import org.incidentplatform.events.MaintenanceScheduled;
import org.incidentplatform.events.MaintenanceStarted;
import org.incidentplatform.events.MaintenanceVerifying;
import org.incidentplatform.events.PostmortemPublished;
import org.incidentplatform.notification.audience.Audience;
import org.incidentplatform.notification.events.Notice;
import org.incidentplatform.notification.events.NoticeType;
import org.incidentplatform.schemas.serde.AvroDeserializer;
import org.junit.jupiter.api.Test;

/** Which events deserve a notice, and what the notice says: given events, when folded, then a notice. */
class IncidentDigestsTests {

    static {
        AvroDeserializer.trustEventClasses();
    }

    private static final Instant T0 = Instant.parse("2026-03-02T09:15:00Z");

    @Test
    void declaration_isNoticed_withTheAffectedComponentsChangedFromOperational() {
        IncidentDigests.Step step = IncidentDigests.apply(null, event(1, declared(false)));

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
        IncidentDigests.Step declared = IncidentDigests.apply(null, event(1, declared(true)));
        IncidentDigests.Step postmortem = IncidentDigests.apply(declared.digest(), event(2, PostmortemPublished
                .newBuilder().setBody("What happened.").setRootCause("A full disk.")
                .setContributingFactors(List.of()).build()));

        assertThat(declared.type()).isNull();
        assertThat(postmortem.notice(2, T0).getBackfilled()).isTrue();
        assertThat(IncidentDigests.apply(null, event(1, declared(false))).notice(1, T0).getBackfilled()).isFalse();
    }

    @Test
    void update_keepsTheTitle_changesStatusAndImpact_andPutsItsMessageFirst() {
        IncidentDigest declared = IncidentDigests.apply(null, event(1, declared(false))).digest();

        IncidentDigests.Step step = IncidentDigests.apply(declared, event(2, IncidentUpdatePosted.newBuilder()
                .setMessage("Found it.").setStatus(IncidentStatus.identified).setImpact(Impact.critical)
                .setComponents(Map.of("checkout", ComponentStatus.major_outage)).build()));

        Notice notice = step.notice(2, T0);
        assertThat(notice.getTitle()).isEqualTo("Checkout errors");
        assertThat(notice.getStatus()).isEqualTo("identified");
        assertThat(notice.getImpact()).isEqualTo("critical");
        assertThat(notice.getUpdates()).extracting(update -> update.getBody()).containsExactly("Found it.", "It broke.");
        assertThat(notice.getChangedComponents()).singleElement()
                .satisfies(change -> assertThat(change.getOldStatus()).isEqualTo("partial_outage"));
        assertThat(step.digest().lastSequence()).isEqualTo(2);
    }

    @Test
    void resolution_returnsUnlistedComponentsToOperational() {
        IncidentDigest declared = IncidentDigests.apply(null, event(1, declared(false))).digest();

        Notice notice = IncidentDigests.apply(declared, event(2, new IncidentResolved("Fixed.", Map.of())))
                .notice(2, T0);

        assertThat(notice.getType()).isEqualTo(NoticeType.incident_resolved);
        assertThat(notice.getComponents()).containsEntry("checkout", "operational");
        assertThat(notice.getResolvedAt()).isEqualTo(T0);
    }

    @Test
    void actionItems_moveTheSequenceOn_silently() {
        IncidentDigest declared = IncidentDigests.apply(null, event(1, declared(false))).digest();

        IncidentDigests.Step step = IncidentDigests.apply(declared, event(2, ActionItemAdded.newBuilder()
                .setActionItemId("a-1").setTitle("Add an alert").build()));

        assertThat(step.type()).isNull();
        assertThat(step.digest().lastSequence()).isEqualTo(2);
    }

    @Test
    void retraction_isANoticeOnlyForThoseTold() {
        IncidentDigest declared = IncidentDigests.apply(null, event(1, declared(false))).digest();

        IncidentDigests.Step step = IncidentDigests.apply(declared, event(2, new IncidentRetracted("A test.")));

        assertThat(step.type()).isEqualTo(NoticeType.incident_retracted);
        assertThat(step.onlyForThoseTold()).isTrue();
    }

    @Test
    void maintenance_isNoticedWhenScheduledStartedAndCompleted_notWhenVerifying() {
        IncidentDigests.Step scheduled = IncidentDigests.apply(null, event(1, MaintenanceScheduled.newBuilder()
                .setTitle("Database upgrade").setMessage("Read-only for 10 minutes.")
                .setComponents(Map.of("db", ComponentStatus.under_maintenance))
                .setScheduledFor(T0.plusSeconds(3600)).setScheduledUntil(T0.plusSeconds(4200)).build()));
        IncidentDigests.Step started = IncidentDigests.apply(scheduled.digest(),
                event(2, new MaintenanceStarted("Starting.", false)));
        IncidentDigests.Step verifying = IncidentDigests.apply(started.digest(),
                event(3, new MaintenanceVerifying("Checking.")));
        IncidentDigests.Step completed = IncidentDigests.apply(verifying.digest(),
                event(4, new MaintenanceCompleted("Done.", false)));

        assertThat(scheduled.type()).isEqualTo(NoticeType.maintenance_scheduled);
        assertThat(scheduled.reach().impact()).isEqualTo("maintenance");
        assertThat(started.type()).isEqualTo(NoticeType.maintenance_started);
        assertThat(started.notice(2, T0).getChangedComponents()).singleElement()
                .satisfies(change -> assertThat(change.getNewStatus()).isEqualTo("under_maintenance"));
        assertThat(verifying.type()).isNull();
        assertThat(completed.type()).isEqualTo(NoticeType.maintenance_completed);
        assertThat(completed.notice(4, T0).getComponents()).containsEntry("db", "operational");
    }

    @Test
    void aLongIncident_keepsTheMostRecentUpdatesOnly_newestFirst() {
        IncidentDigest digest = IncidentDigests.apply(null, event(1, declared(false))).digest();
        IncidentDigests.Step step = null;
        for (long sequence = 2; sequence <= 1_000; sequence++) {
            step = IncidentDigests.apply(digest, event(sequence, IncidentUpdatePosted.newBuilder()
                    .setMessage("Update " + sequence).setStatus(null).setImpact(null).setComponents(Map.of()).build()));
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
        IncidentDigests.Step declared = IncidentDigests.apply(null, event(1, declared(false)));
        IncidentDigests.Step postmortem = IncidentDigests.apply(declared.digest(), event(2, PostmortemPublished
                .newBuilder().setBody("What happened, in full.").setRootCause("A full disk.")
                .setContributingFactors(List.of()).build()));

        Notice published = postmortem.notice(2, T0.plusSeconds(60));
        assertThat(published.getPostmortemBody()).isEqualTo("What happened, in full.");
        assertThat(published.getPostmortemPublishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(declared.notice(1, T0).getPostmortemBody()).isNull();
        assertThat(declared.notice(1, T0).getPostmortemPublishedAt()).isNull();
    }

    @Test
    void catalogueEvents_areNotAboutAnIncident() {
        IncidentDigests.Step step = IncidentDigests.apply(null, event(1, ComponentAdded.newBuilder()
                .setComponentId("checkout").setName("Checkout").setPosition(1).build()));

        assertThat(step.digest()).isNull();
    }

    private static IncidentDeclared declared(boolean backfilled) {
        return IncidentDeclared.newBuilder().setTitle("Checkout errors").setImpact(Impact.major)
                .setStatus(IncidentStatus.investigating).setMessage("It broke.")
                .setComponents(Map.of("checkout", ComponentStatus.partial_outage))
                .setStartedAt(T0).setDetectedAt(T0).setBackfilled(backfilled).build();
    }

    private static IncidentEvent event(long sequence, Object payload) {
        return IncidentEvent.newBuilder().setEventId(UUID.randomUUID()).setIncidentId("inc-1").setSequence(sequence)
                .setOccurredAt(T0).setRecordedAt(T0).setActor("test").setPayload(payload).build();
    }
}
