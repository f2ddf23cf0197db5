package org.incidentplatform.notification.audience;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.schemas.Vocabulary.Impact;

/**
 * Who hears of one notice: the matching rules, plain Java. Nothing is stored per subscriber: a
 * notice carries the {@link Reach} of every earlier notice of its incident, and whoever one of those
 * concerns has been told, so hears the rest of the story (even if the impact later drops below their
 * minimum) and of a retraction; nobody hears of a retraction of something they never heard of.
 * Whoever subscribes mid-incident counts as told when an earlier notice concerns them as they now
 * stand: they hear the rest of it too.
 *
 * @param onlyForThoseTold a retraction or cancellation: only for those already told
 * @param now              what this notice concerns
 * @param earlier          what earlier notices of the incident concerned
 */
public record Audience(boolean maintenance, boolean onlyForThoseTold, Reach now, List<Reach> earlier) {

    /** Beyond this many distinct entries an incident's reach merges its oldest two, so it stays small. */
    public static final int MAX_REACH = 32;

    public Audience {
        earlier = List.copyOf(earlier);
    }

    /**
     * The impact ("maintenance" for maintenance) and components of one notice, as far as choosing its
     * audience goes.
     */
    public record Reach(String impact, Set<String> components) {

        public Reach {
            components = Collections.unmodifiableSet(new TreeSet<>(components));
        }

        /** What a notice concerns: for maintenance the impact reads "maintenance", whatever the incident's. */
        public static Reach of(boolean maintenance, String impact, Set<String> components) {
            return new Reach(maintenance ? "maintenance" : impact, components);
        }
    }

    /** Retractions and cancellations (by their notice type's name) only concern those already told. */
    public static boolean onlyForThoseTold(String noticeType) {
        return "incident_retracted".equals(noticeType) || "maintenance_cancelled".equals(noticeType);
    }

    public boolean includes(Subscription subscription) {
        if (!subscription.receives()) {
            return false;
        }
        for (Reach told : earlier) {
            if (concerns(subscription, told)) {
                return true;
            }
        }
        return !onlyForThoseTold && concerns(subscription, now);
    }

    private boolean concerns(Subscription subscription, Reach reach) {
        boolean components = subscription.components().isEmpty()
                || !Collections.disjoint(subscription.components(), reach.components());
        if (!components) {
            return false;
        }
        if (maintenance) {
            return subscription.maintenance();
        }
        return incidentImpact(reach.impact())
                .map(impact -> impact.rank() >= subscription.minImpact().rank())
                .orElse(false);
    }

    /**
     * An incident's reach after a notice: the new entry added unless an equal one is there already.
     * Past {@link #MAX_REACH} entries the oldest two become one (their components together, the higher
     * impact): that can only widen who counts as told, never narrow it, so nobody told misses a
     * retraction.
     */
    public static List<Reach> widened(List<Reach> reach, Reach next) {
        if (reach.contains(next)) {
            return reach;
        }
        List<Reach> widened = new ArrayList<>(reach);
        widened.add(next);
        while (widened.size() > MAX_REACH) {
            Reach first = widened.remove(0);
            Reach second = widened.remove(0);
            Set<String> components = new TreeSet<>(first.components());
            components.addAll(second.components());
            widened.add(0, new Reach(higher(first.impact(), second.impact()), components));
        }
        return List.copyOf(widened);
    }

    private static String higher(String one, String other) {
        Comparator<String> byImpact = Comparator.comparing(
                name -> incidentImpact(name).map(Impact::rank).orElse(-1));
        return byImpact.compare(one, other) >= 0 ? one : other;
    }

    /** The impact an incident's notice reads; maintenance (or anything else) is not an incident impact. */
    private static Optional<Impact> incidentImpact(String wireValue) {
        return Impact.find(wireValue).filter(impact -> impact != Impact.MAINTENANCE);
    }
}
