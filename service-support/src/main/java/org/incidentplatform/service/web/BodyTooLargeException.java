package org.incidentplatform.service.web;

import java.io.IOException;

/**
 * A request body over {@link BodySizeLimit}'s limit. An {@link IOException}, because it is
 * raised from the body's input stream while the JSON reader consumes it.
 */
public class BodyTooLargeException extends IOException {

    private final long limit;

    BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
