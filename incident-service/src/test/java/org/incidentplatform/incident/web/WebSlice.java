package org.incidentplatform.incident.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * A web slice with everything the HTTP edge is made of: controllers, the error handling, the body
 * limit and the security configuration with three configured tokens. Tests mock
 * the {@code CommandGateway} and {@code StreamReader} they talk to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
        includeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = WebAndSecurityComponents.class),
        properties = {
            "incident-service.max-body-bytes=2KB",
            "platform.security.tokens[0].name=ops-admin",
            "platform.security.tokens[0].token=" + WebSlice.ADMIN,
            "platform.security.tokens[0].roles=admin",
            "platform.security.tokens[1].name=alice-oncall",
            "platform.security.tokens[1].token=" + WebSlice.RESPONDER,
            "platform.security.tokens[1].roles=responder",
            "platform.security.tokens[2].name=synthetic-monitor",
            "platform.security.tokens[2].token=" + WebSlice.REPORTER,
            "platform.security.tokens[2].roles=reporter"
        })
public @interface WebSlice {

    String ADMIN = "admin-token-0000000000000000000000000000";
    String RESPONDER = "responder-token-000000000000000000000000";
    String REPORTER = "reporter-token-0000000000000000000000000";

    /** A command's time when the request gives none: the processor owning the stream stamps it. */
    Instant STAMPED_ON_DECISION = null;

    /** Bodies over this many bytes are refused; small, so tests need not build large ones. */
    int MAX_BODY_BYTES = 2048;
}
