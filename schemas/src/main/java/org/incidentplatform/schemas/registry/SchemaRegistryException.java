package org.incidentplatform.schemas.registry;

/**
 * A schema registry refused a request or could not be reached. Carries what an operator needs to
 * act on it: the registry, the subject, the HTTP status and the registry's own {@code error_code}
 * (Confluent's codes: 40401 subject not found, 40402 version not found, 40403 schema not found,
 * 409 or 40901 incompatible schema, 42201 invalid schema, 50001 store error).
 */
public class SchemaRegistryException extends RuntimeException {

    /** {@link #httpStatus()} and {@link #errorCode()} when the registry gave none. */
    public static final int NONE = -1;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 40901;
    public static final int INVALID_SCHEMA = 42201;

    private final String subject;
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, String subject, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.subject = subject;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, String subject, int httpStatus, int errorCode) {
        this(message, subject, httpStatus, errorCode, null);
    }

    /** The subject the request was about, or null (schema by id, list of subjects). */
    public String subject() {
        return subject;
    }

    /** The HTTP status of the answer, or {@link #NONE} when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code}, or {@link #NONE} when the answer carried none. */
    public int errorCode() {
        return errorCode;
    }

    /** The schema is not compatible with the subject's earlier versions; retrying will not help. */
    public boolean isIncompatible() {
        return httpStatus == 409 || errorCode == 409 || errorCode == INCOMPATIBLE_SCHEMA;
    }

    /**
     * Whether the failure (or one of its causes) is the registry not answering, or answering that it
     * cannot right now (5xx, 408, 429): the one registry failure that is not the record's fault, so
     * whoever reads a record should try again rather than give it up.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                int status = registry.httpStatus();
                return status == NONE || status >= 500 || status == 408 || status == 429;
            }
        }
        return false;
    }

    /** The subject, version or schema does not exist. */
    public boolean isNotFound() {
        return errorCode == SUBJECT_NOT_FOUND
                || errorCode == VERSION_NOT_FOUND
                || errorCode == SCHEMA_NOT_FOUND
                || (errorCode == NONE && httpStatus == 404);
    }

    /** No answer at all: connection refused, timed out, or reset. Retrying later may help. */
    public boolean isUnreachable() {
        return httpStatus == NONE;
    }
}
