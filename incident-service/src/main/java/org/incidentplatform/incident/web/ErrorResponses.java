package org.incidentplatform.incident.web;

import org.incidentplatform.incident.command.StreamsUnavailableException;
import org.incidentplatform.service.web.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error this service answers, as an RFC 9457 problem detail: the platform's ({@link ProblemResponses}),
 * plus an event store that cannot answer a read right now.
 */
@RestControllerAdvice
class ErrorResponses extends ProblemResponses {

    /** The event store cannot answer a read right now (starting, rebalancing, its owner away): retry shortly. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeUnavailable(StreamsUnavailableException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, CommandNotAcceptedException.RETRY_AFTER_SECONDS)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()));
    }
}
