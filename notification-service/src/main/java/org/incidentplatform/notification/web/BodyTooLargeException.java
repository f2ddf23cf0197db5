package org.incidentplatform.notification.web;

import java.io.IOException;

/**
 * A request body over {@link BodySizeLimit#MAX_BODY_BYTES}. An {@link IOException}, because it is raised
 * from the body's input stream while the JSON reader consumes it.
 */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
    }
}
