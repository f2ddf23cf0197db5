package org.incidentplatform.projection.analytics;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** The incident and maintenance streams seen, by a dense index that component claims refer to. */
final class Streams {

    private final List<String> ids = new ArrayList<>();
    private final BitSet maintenances = new BitSet();
    private final BitSet retracted = new BitSet();

    int register(String id, boolean maintenance) {
        ids.add(id);
        maintenances.set(ids.size() - 1, maintenance);
        return ids.size() - 1;
    }

    void retract(int stream) {
        retracted.set(stream);
    }

    String id(int stream) {
        return ids.get(stream);
    }

    boolean isMaintenance(int stream) {
        return maintenances.get(stream);
    }

    /** Declared in error: none of what it said about components counts, not even before the retraction. */
    boolean isRetracted(int stream) {
        return retracted.get(stream);
    }
}
