package org.incidentplatform.incident.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentplatform.incident.domain.Incident.ActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.AddActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.CompleteActionItem;
import org.incidentplatform.incident.domain.IncidentCommand.DeclareIncident;
import org.incidentplatform.incident.domain.IncidentCommand.PostUpdate;
import org.incidentplatform.incident.domain.IncidentCommand.PublishPostmortem;
import org.incidentplatform.incident.domain.IncidentCommand.ReopenIncident;
import org.incidentplatform.incident.domain.IncidentCommand.ResolveIncident;
import org.incidentplatform.incident.domain.IncidentCommand.RetractIncident;
import org.incidentplatform.incident.domain.IncidentEvent.ActionItemAdded;
import org.incidentplatform.incident.domain.IncidentEvent.ActionItemCompleted;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentDeclared;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentReopened;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentResolved;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentRetracted;
import org.incidentplatform.incident.domain.IncidentEvent.IncidentUpdatePosted;
import org.incidentplatform.incident.domain.IncidentEvent.PostmortemPublished;
import org.incidentplatform.schemas.Vocabulary.ComponentStatus;
import org.incidentplatform.schemas.Vocabulary.Impact;

/**
 * The incident's rules. Status moves forward or stays (investigating, identified, monitoring,
 * resolved; skipping allowed) and only a reopen takes it back; postmortem follows resolution; a
 * resolved incident accepts only reopen, retraction, postmortem and action items; a retracted one accepts
 * nothing.
 */
public final class IncidentDecider {

    /** These rules in the shape every stream's rules take. */
    public static final Decider<IncidentCommand, IncidentEvent, Incident> RULES =
            Decider.of(initialState(), IncidentDecider::decide, IncidentDecider::evolve);

    private IncidentDecider() {}

    public static Incident initialState() {
        return Incident.NONE;
    }

    /**
     * @param knownComponents ids of the components in the catalogue now; a command naming another is rejected
     */
    public static Decision<IncidentEvent> decide(IncidentCommand command, Incident state, Set<String> knownComponents) {
        try {
            return Decision.accepted(handle(command, state, knownComponents));
        } catch (CommandRejected rejected) {
            return Decision.rejected(rejected.rejection());
        }
    }

    public static Incident replay(List<? extends IncidentEvent> events) {
        Incident state = initialState();
        for (IncidentEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static List<IncidentEvent> handle(IncidentCommand command, Incident state, Set<String> known) {
        if (command instanceof DeclareIncident declare) {
            return List.of(declare(declare, state, known));
        }
        if (!state.isDeclared()) {
            throw CommandRejected.notFound("incident not found");
        }
        if (state.retracted()) {
            throw CommandRejected.conflict("the incident was retracted; a retracted incident accepts no more changes");
        }
        if (command instanceof PostUpdate update) {
            return List.of(postUpdate(update, state, known));
        }
        if (command instanceof ResolveIncident resolve) {
            return List.of(resolve(resolve, state, known));
        }
        if (command instanceof ReopenIncident reopen) {
            return List.of(reopen(reopen, state, known));
        }
        if (command instanceof RetractIncident retract) {
            return List.of(retract(retract, state));
        }
        if (command instanceof PublishPostmortem postmortem) {
            return List.of(publishPostmortem(postmortem, state));
        }
        if (command instanceof AddActionItem add) {
            return List.of(addActionItem(add, state));
        }
        if (command instanceof CompleteActionItem complete) {
            return List.of(completeActionItem(complete, state));
        }
        throw new IllegalArgumentException(
                "unhandled command " + command.getClass().getName());
    }

    private static IncidentDeclared declare(DeclareIncident c, Incident state, Set<String> known) {
        if (state.isDeclared()) {
            throw CommandRejected.conflict("incident '" + state.id() + "' is already declared");
        }
        String id = Require.text("incidentId", c.incidentId(), Require.TITLE_MAX);
        String title = Require.text("title", c.title(), Require.TITLE_MAX);
        Impact impact = incidentImpact(Require.present("impact", c.impact()));
        IncidentStatus status = Require.present("status", c.status());
        if (status == IncidentStatus.POSTMORTEM) {
            throw CommandRejected.invalid(
                    "status",
                    "an incident cannot be declared in postmortem: declare it resolved, then publish the postmortem");
        }
        String message = Require.text("message", c.message(), Require.MESSAGE_MAX);
        Map<String, ComponentStatus> components = Require.components(c.components(), known);
        Instant occurredAt = Require.time("occurredAt", c.occurredAt());
        boolean backfilled = status == IncidentStatus.RESOLVED;
        if (backfilled && c.startedAt() == null) {
            throw CommandRejected.invalid(
                    "startedAt",
                    "an incident declared already resolved is written up after the fact and needs startedAt, when impact began");
        }
        Instant detectedAt = orElse(Require.optionalTime("detectedAt", c.detectedAt()), occurredAt);
        // Given only detectedAt, impact began no later than that; occurredAt would make detection precede impact.
        Instant startedAt = orElse(Require.optionalTime("startedAt", c.startedAt()), detectedAt);
        if (detectedAt.isAfter(occurredAt)) {
            throw CommandRejected.invalid(
                    "detectedAt",
                    "detectedAt " + detectedAt + " is after the declaration at " + occurredAt
                            + ": an incident is declared once noticed");
        }
        if (startedAt.isAfter(occurredAt)) {
            throw CommandRejected.invalid(
                    "startedAt",
                    "startedAt " + startedAt + " is after the declaration at " + occurredAt
                            + ": impact cannot begin after it was declared");
        }
        if (detectedAt.isBefore(startedAt)) {
            throw CommandRejected.invalid(
                    "detectedAt",
                    "detectedAt " + detectedAt + " is before startedAt " + startedAt
                            + ": a problem cannot be noticed before its impact began");
        }
        String detectedBy = Require.optionalText("detectedBy", c.detectedBy(), Require.NOTE_MAX);
        return new IncidentDeclared(
                id,
                title,
                impact,
                status,
                message,
                components,
                startedAt,
                detectedAt,
                detectedBy,
                backfilled,
                occurredAt);
    }

    private static IncidentEvent postUpdate(PostUpdate c, Incident state, Set<String> known) {
        requireUnresolved(state);
        Instant occurredAt = Require.occurredAt(c.occurredAt(), state.lastOccurredAt());
        String message = Require.text("message", c.message(), Require.MESSAGE_MAX);
        Impact impact = c.impact() == null ? null : incidentImpact(c.impact());
        Map<String, ComponentStatus> components = Require.components(c.components(), known);
        IncidentStatus status = c.status();
        if (status == IncidentStatus.POSTMORTEM) {
            throw CommandRejected.conflict(
                    "postmortem status follows resolution: resolve the incident, then publish a postmortem");
        }
        if (status != null && status.compareTo(state.status()) < 0) {
            throw CommandRejected.conflict(
                    "status cannot move back from " + state.status().wireValue() + " to " + status.wireValue());
        }
        if (status == IncidentStatus.RESOLVED) {
            if (impact != null && impact != state.impact()) {
                throw CommandRejected.invalid(
                        "impact",
                        "an update that resolves the incident cannot also change its impact: post the impact first");
            }
            return new IncidentResolved(message, components, occurredAt);
        }
        return new IncidentUpdatePosted(
                message,
                status == state.status() ? null : status,
                impact == state.impact() ? null : impact,
                components,
                occurredAt);
    }

    private static IncidentResolved resolve(ResolveIncident c, Incident state, Set<String> known) {
        if (state.isResolved()) {
            throw CommandRejected.conflict("the incident is already resolved");
        }
        Instant occurredAt = Require.occurredAt(c.occurredAt(), state.lastOccurredAt());
        String message = Require.text("message", c.message(), Require.MESSAGE_MAX);
        return new IncidentResolved(message, Require.components(c.components(), known), occurredAt);
    }

    private static IncidentReopened reopen(ReopenIncident c, Incident state, Set<String> known) {
        if (!state.isResolved()) {
            throw CommandRejected.conflict("only a resolved incident can be reopened; this one is "
                    + state.status().wireValue());
        }
        Instant occurredAt = Require.occurredAt(c.occurredAt(), state.lastOccurredAt());
        String message = Require.text("message", c.message(), Require.MESSAGE_MAX);
        IncidentStatus status = Require.present("status", c.status());
        if (status.compareTo(IncidentStatus.RESOLVED) >= 0) {
            throw CommandRejected.invalid(
                    "status",
                    "an incident is reopened as investigating, identified or monitoring, not " + status.wireValue());
        }
        return new IncidentReopened(message, status, Require.components(c.components(), known), occurredAt);
    }

    /**
     * An incident found to be declared in error can be retracted open or resolved: a false alarm is often
     * recognised only after it was closed, and the public history should not keep it either way.
     */
    private static IncidentRetracted retract(RetractIncident c, Incident state) {
        Instant occurredAt = Require.occurredAt(c.occurredAt(), state.lastOccurredAt());
        return new IncidentRetracted(Require.text("reason", c.reason(), Require.MESSAGE_MAX), occurredAt);
    }

    /** Publishing again on an incident in postmortem revises the postmortem. */
    private static PostmortemPublished publishPostmortem(PublishPostmortem c, Incident state) {
        if (!state.isResolved()) {
            throw CommandRejected.conflict("a postmortem follows resolution; the incident is "
                    + state.status().wireValue());
        }
        Instant occurredAt = Require.occurredAt(c.occurredAt(), state.lastOccurredAt());
        String body = Require.text("body", c.body(), Require.DOCUMENT_MAX);
        String rootCause = Require.text("rootCause", c.rootCause(), Require.MESSAGE_MAX);
        List<String> factors =
                Require.texts("contributingFactors", c.contributingFactors(), Require.NOTE_MAX, Require.FACTORS_MAX);
        return new PostmortemPublished(body, rootCause, factors, occurredAt);
    }

    private static ActionItemAdded addActionItem(AddActionItem c, Incident state) {
        Instant occurredAt = Require.occurredAt(c.occurredAt(), state.lastOccurredAt());
        String id = Require.text("actionItemId", c.actionItemId(), Require.TITLE_MAX);
        if (state.actionItems().containsKey(id)) {
            throw CommandRejected.conflict("action item '" + id + "' already exists");
        }
        if (state.actionItems().size() >= Require.ACTION_ITEMS_MAX) {
            throw CommandRejected.invalid(
                    "actionItemId", "an incident has at most " + Require.ACTION_ITEMS_MAX + " action items");
        }
        String title = Require.text("title", c.title(), Require.TITLE_MAX);
        String owner = Require.optionalText("owner", c.owner(), Require.NOTE_MAX);
        return new ActionItemAdded(id, title, owner, Require.optionalDate("dueDate", c.dueDate()), occurredAt);
    }

    private static ActionItemCompleted completeActionItem(CompleteActionItem c, Incident state) {
        String id = Require.text("actionItemId", c.actionItemId(), Require.TITLE_MAX);
        ActionItem item = state.actionItems().get(id);
        if (item == null) {
            throw CommandRejected.notFound("action item '" + id + "' not found");
        }
        if (item.completed()) {
            throw CommandRejected.conflict("action item '" + id + "' is already completed");
        }
        Instant occurredAt = Require.occurredAt(c.occurredAt(), state.lastOccurredAt());
        return new ActionItemCompleted(id, Require.optionalText("note", c.note(), Require.NOTE_MAX), occurredAt);
    }

    private static void requireUnresolved(Incident state) {
        if (state.isResolved()) {
            throw CommandRejected.conflict(
                    "the incident is resolved; it accepts only reopen, retraction, postmortem and action items");
        }
    }

    private static Impact incidentImpact(Impact impact) {
        if (impact == Impact.MAINTENANCE) {
            throw CommandRejected.invalid("impact", "maintenance is the impact of maintenances, not of incidents");
        }
        return impact;
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    public static Incident evolve(Incident s, IncidentEvent event) {
        Instant at = latest(s.lastOccurredAt(), event.occurredAt());
        long version = s.version() + 1;
        if (event instanceof IncidentDeclared e) {
            return new Incident(
                    e.incidentId(),
                    e.title(),
                    e.status(),
                    e.impact(),
                    e.components(),
                    e.startedAt(),
                    e.detectedAt(),
                    e.detectedBy(),
                    e.backfilled(),
                    false,
                    false,
                    Map.of(),
                    at,
                    version);
        }
        if (event instanceof IncidentUpdatePosted e) {
            return new Incident(
                    s.id(),
                    s.title(),
                    orElse(e.status(), s.status()),
                    orElse(e.impact(), s.impact()),
                    merged(s.components(), e.components()),
                    s.startedAt(),
                    s.detectedAt(),
                    s.detectedBy(),
                    s.backfilled(),
                    s.retracted(),
                    s.postmortemPublished(),
                    s.actionItems(),
                    at,
                    version);
        }
        if (event instanceof IncidentResolved e) {
            return withStatus(s, IncidentStatus.RESOLVED, e.components(), s.postmortemPublished(), at, version);
        }
        if (event instanceof IncidentReopened e) {
            return withStatus(s, e.status(), e.components(), s.postmortemPublished(), at, version);
        }
        if (event instanceof PostmortemPublished) {
            return withStatus(s, IncidentStatus.POSTMORTEM, Map.of(), true, at, version);
        }
        if (event instanceof IncidentRetracted) {
            return new Incident(
                    s.id(),
                    s.title(),
                    s.status(),
                    s.impact(),
                    s.components(),
                    s.startedAt(),
                    s.detectedAt(),
                    s.detectedBy(),
                    s.backfilled(),
                    true,
                    s.postmortemPublished(),
                    s.actionItems(),
                    at,
                    version);
        }
        if (event instanceof ActionItemAdded e) {
            return withActionItem(
                    s, new ActionItem(e.actionItemId(), e.title(), e.owner(), e.dueDate(), false), at, version);
        }
        if (event instanceof ActionItemCompleted e) {
            ActionItem item = s.actionItems().get(e.actionItemId());
            ActionItem completed = item == null
                    ? new ActionItem(e.actionItemId(), null, null, null, true)
                    : new ActionItem(item.id(), item.title(), item.owner(), item.dueDate(), true);
            return withActionItem(s, completed, at, version);
        }
        throw new IllegalArgumentException("unhandled event " + event.getClass().getName());
    }

    private static Incident withStatus(
            Incident s,
            IncidentStatus status,
            Map<String, ComponentStatus> components,
            boolean postmortemPublished,
            Instant at,
            long version) {
        return new Incident(
                s.id(),
                s.title(),
                status,
                s.impact(),
                merged(s.components(), components),
                s.startedAt(),
                s.detectedAt(),
                s.detectedBy(),
                s.backfilled(),
                s.retracted(),
                postmortemPublished,
                s.actionItems(),
                at,
                version);
    }

    private static Incident withActionItem(Incident s, ActionItem item, Instant at, long version) {
        return new Incident(
                s.id(),
                s.title(),
                s.status(),
                s.impact(),
                s.components(),
                s.startedAt(),
                s.detectedAt(),
                s.detectedBy(),
                s.backfilled(),
                s.retracted(),
                s.postmortemPublished(),
                merged(s.actionItems(), Map.of(item.id(), item)),
                at,
                version);
    }

    private static <K, V> Map<K, V> merged(Map<K, V> base, Map<K, V> changes) {
        if (changes.isEmpty()) {
            return base;
        }
        Map<K, V> result = new LinkedHashMap<>(base);
        result.putAll(changes);
        return result;
    }

    private static Instant latest(Instant previous, Instant next) {
        return previous == null || next.isAfter(previous) ? next : previous;
    }
}
