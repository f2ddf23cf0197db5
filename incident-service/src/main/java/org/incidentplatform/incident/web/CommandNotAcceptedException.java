package org.incidentplatform.incident.web;

import java.util.Map;
import org.incidentplatform.incident.command.CommandOutcome;
import org.incidentplatform.incident.command.CommandOutcome.Failed;
import org.incidentplatform.incident.command.CommandOutcome.IdempotencyKeyReused;
import org.incidentplatform.incident.command.CommandOutcome.Rejected;
import org.incidentplatform.incident.command.CommandOutcome.Unavailable;
import org.incidentplatform.incident.command.CommandOutcome.VersionMismatch;
import org.incidentplatform.incident.domain.Rejection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A command that appended nothing, as the problem the client gets: the decider's refusal by its kind
 * (404, 409, 422), a stale {@code If-Match} (412), a reused Idempotency-Key (422), or Kafka not
 * confirming in time (503, to be retried with the same key), or a failure inside the processor (500).
 */
class CommandNotAcceptedException extends ErrorResponseException {

    static final String RETRY_AFTER_SECONDS = "5";

    CommandNotAcceptedException(CommandOutcome outcome, Map<String, String> requestFieldNames) {
        super(status(outcome), problem(outcome, requestFieldNames), null);
        if (outcome instanceof Unavailable) {
            getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        } else if (outcome instanceof VersionMismatch mismatch) {
            getHeaders().setETag(CommandExchange.etag(mismatch.currentVersion()));
        }
    }

    private static HttpStatus status(CommandOutcome outcome) {
        if (outcome instanceof Rejected rejected) {
            return switch (rejected.rejection().kind()) {
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case CONFLICT -> HttpStatus.CONFLICT;
                case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            };
        }
        if (outcome instanceof VersionMismatch) {
            return HttpStatus.PRECONDITION_FAILED;
        }
        if (outcome instanceof IdempotencyKeyReused) {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }
        if (outcome instanceof Unavailable) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (outcome instanceof Failed) {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }
        throw new IllegalArgumentException("an accepted command is not a problem: " + outcome);
    }

    private static ProblemDetail problem(CommandOutcome outcome, Map<String, String> requestFieldNames) {
        HttpStatus status = status(outcome);
        if (outcome instanceof Rejected rejected) {
            Rejection rejection = rejected.rejection();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, rejection.reason());
            if (rejection.field() != null) {
                problem.setProperty("field", requestFieldNames.getOrDefault(rejection.field(), rejection.field()));
            }
            return problem;
        }
        if (outcome instanceof VersionMismatch mismatch) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    status,
                    "If-Match names version "
                            + mismatch.expectedVersion() + " but the stream is at version " + mismatch.currentVersion()
                            + "; read it again and decide whether your change still applies");
            problem.setProperty("expectedVersion", mismatch.expectedVersion());
            problem.setProperty("currentVersion", mismatch.currentVersion());
            return problem;
        }
        if (outcome instanceof IdempotencyKeyReused reused) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    status,
                    "Idempotency-Key '" + reused.idempotencyKey()
                            + "' was already used for a different request; use a new key");
            problem.setProperty("header", CommandExchange.IDEMPOTENCY_KEY);
            return problem;
        }
        if (outcome instanceof Failed failed) {
            return ProblemDetail.forStatusAndDetail(
                    status,
                    "the command failed while it was being decided and"
                            + " nothing was recorded (" + failed.reason() + "); this is a defect of the service, not of"
                            + " the request");
        }
        return ProblemDetail.forStatusAndDetail(
                status,
                "the event store did not confirm the write in time;"
                        + " nothing may have been recorded, or it may be recorded shortly: retry with the same"
                        + " Idempotency-Key to be sure it is recorded once");
    }
}
