package org.incidentplatform.projection.analytics.web;

/** An incident or component this projection does not know: 404 naming what and which id. */
final class NotFoundException extends RuntimeException {

    private final String kind;
    private final String id;

    NotFoundException(String kind, String id) {
        super("no " + kind + " '" + id + "'", null, false, false);
        this.kind = kind;
        this.id = id;
    }

    String kind() {
        return kind;
    }

    String id() {
        return id;
    }
}
