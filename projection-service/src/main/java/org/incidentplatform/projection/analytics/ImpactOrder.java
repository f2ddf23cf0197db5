package org.incidentplatform.projection.analytics;

import org.incidentplatform.events.Impact;

/**
 * How much an impact weighs, for "minimum impact" and "highest impact ever": none &lt; maintenance &lt;
 * minor &lt; major &lt; critical. An incident with impact {@code maintenance} is planned work written up as
 * an incident; it ranks below every unplanned impact so that {@code impact=minor} leaves it out.
 */
final class ImpactOrder {

    private ImpactOrder() {
    }

    static int rank(Impact impact) {
        return switch (impact) {
            case none -> 0;
            case maintenance -> 1;
            case minor -> 2;
            case major -> 3;
            case critical -> 4;
        };
    }

    static Impact higher(Impact a, Impact b) {
        return rank(b) > rank(a) ? b : a;
    }
}
