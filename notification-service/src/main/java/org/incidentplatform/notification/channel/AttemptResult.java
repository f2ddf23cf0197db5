package org.incidentplatform.notification.channel;

/**
 * What one attempt came to.
 *
 * @param httpStatus the response status for HTTP channels, else null
 * @param detail     status line, SMTP reply or error, never with secrets or the target's path
 */
public record AttemptResult(boolean delivered, Integer httpStatus, String detail, long latencyMillis) {}
