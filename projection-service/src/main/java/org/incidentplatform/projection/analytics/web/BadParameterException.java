package org.incidentplatform.projection.analytics.web;

import org.springframework.http.HttpStatus;

/** A query parameter the analytics API cannot use: a problem detail with {@code parameter} naming it. */
final class BadParameterException extends RuntimeException {

    private final HttpStatus status;
    private final String parameter;

    private BadParameterException(HttpStatus status, String parameter, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.parameter = parameter;
    }

    /** The value cannot be read at all (not a date, not one of the allowed words): 400. */
    static BadParameterException malformed(String parameter, String detail) {
        return new BadParameterException(HttpStatus.BAD_REQUEST, parameter, detail);
    }

    /** Each value reads fine but together or in range they make no sense (from ≥ to, days 0): 422. */
    static BadParameterException unacceptable(String parameter, String detail) {
        return new BadParameterException(HttpStatus.UNPROCESSABLE_CONTENT, parameter, detail);
    }

    HttpStatus status() {
        return status;
    }

    String parameter() {
        return parameter;
    }
}
