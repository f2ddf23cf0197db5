package org.incidentplatform.notification.web;

import org.incidentplatform.notification.subscription.SubscriptionLog;
import org.incidentplatform.service.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error this service answers, as an RFC 9457 problem detail: the platform's ({@link ProblemResponses}),
 * plus a subscription change the log did not confirm.
 */
@RestControllerAdvice
class ErrorResponses extends ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unrecorded(SubscriptionLog.SubscriptionLogUnavailableException ex) {
        log.warn("subscription event not acknowledged: {}", ex.getCause().toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "the subscription store did not confirm the write; retry later"));
    }
}
