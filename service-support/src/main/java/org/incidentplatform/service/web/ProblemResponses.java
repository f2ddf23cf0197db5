package org.incidentplatform.service.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The errors every service answers alike, as RFC 9457 problem details: unreadable or mistyped JSON (naming
 * the field), unknown paths, and authentication and authorization failures, including those raised before a
 * controller is reached, which the platform's security hands here. None carries a stack trace or an internal
 * class name. A service's {@code @RestControllerAdvice} extends this with its own.
 */
public abstract class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /**
     * Tomcat's, thrown when a controller reads a query or form parameter that does not decode
     * ({@code ?token=%FF%FE}): the client's fault, not a 500. Named, not imported, so that this class
     * loads on any servlet container.
     */
    private static final String UNDECODABLE_PARAMETER = "org.apache.tomcat.util.http.InvalidParameterException";

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = cause(ex, BodyTooLargeException.class);
        if (tooLarge != null) {
            return handleExceptionInternal(
                    ex,
                    BodySizeLimit.tooLarge(tooLarge.limit()).getBody(),
                    headers,
                    HttpStatus.CONTENT_TOO_LARGE,
                    request);
        }
        MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch.getPath());
            String detail = mismatch instanceof UnrecognizedPropertyException
                    ? "unknown field '" + field + "'"
                    : field + " must be " + expected(mismatch.getTargetType());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
            problem.setProperty("field", field);
            return handleExceptionInternal(ex, problem, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
        }
        JacksonException json = cause(ex, JacksonException.class);
        String detail = mismatch != null
                ? "the body must be a JSON object"
                : json != null ? "the body is not valid JSON: " + json.getOriginalMessage() : "a JSON body is required";
        return handleExceptionInternal(
                ex,
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail),
                headers,
                HttpStatus.BAD_REQUEST,
                request);
    }

    /** No controller maps the path; Spring's own detail would speak of static resources. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "no endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath());
        return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    /**
     * Raised by the security filters, whose bearer entry point has set WWW-Authenticate already, or by a
     * controller, in which case the challenge is added here.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex, HttpServletResponse response) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.UNAUTHORIZED);
        if (!response.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.body(ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, "a valid bearer token is required: Authorization: Bearer <token>"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.FORBIDDEN, "the token's role does not allow this request"));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (causeNamed(ex, UNDECODABLE_PARAMETER)) {
            return ResponseEntity.badRequest()
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.BAD_REQUEST,
                            "a query or form parameter cannot be decoded: percent-encode it as UTF-8"));
        }
        log.error("request failed", ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.INTERNAL_SERVER_ERROR, "the service failed to handle the request"));
    }

    private static String path(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(type) || JsonRequest.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        return "a string";
    }

    private static boolean causeNamed(Throwable ex, String className) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getName().equals(className)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first exception of the given type in the cause chain, or null. */
    protected static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
