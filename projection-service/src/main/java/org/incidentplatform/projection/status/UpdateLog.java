package org.incidentplatform.projection.status;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.incidentplatform.projection.status.StatusSnapshot.Update;

/**
 * One stream's public updates, appended one per event and never changed. A published view reads the first
 * {@code size} of them as they were when it was built: the writer only ever writes beyond that (or into a
 * new, larger array), so the view needs no copy and readers need no lock.
 */
final class UpdateLog<S extends Enum<S>> {

    private UpdateFact<?>[] facts = new UpdateFact<?>[4];
    private int size;

    void add(UpdateFact<S> fact) {
        if (size == facts.length) {
            facts = Arrays.copyOf(facts, size + (size >> 1) + 1);
        }
        facts[size++] = fact;
    }

    /** The updates so far, newest first, each built when read with the catalogue's names of the snapshot. */
    List<Update<S>> newestFirst(CatalogueNames names) {
        return new NewestFirst<>(facts, size, names);
    }

    /** An immutable view of the first {@code size} facts, newest first; elements built on access. */
    static final class NewestFirst<S extends Enum<S>> extends AbstractList<Update<S>> implements RandomAccess {

        private final UpdateFact<?>[] facts;
        private final int size;
        private final CatalogueNames names;

        private NewestFirst(UpdateFact<?>[] facts, int size, CatalogueNames names) {
            this.facts = facts;
            this.size = size;
            this.names = names;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Update<S> get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return ((UpdateFact<S>) facts[size - 1 - index]).view(names);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
