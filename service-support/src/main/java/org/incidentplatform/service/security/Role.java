package org.incidentplatform.service.security;

import java.util.Locale;

/**
 * What a caller may do. Each role includes the ones before it: a responder may do what a reporter
 * may, an admin everything. The inclusion is declared once, as the {@code RoleHierarchy} in
 * {@link PlatformSecurity}, so an issuer of JWTs need only name the highest role.
 */
public enum Role {
    /** Internal services: monitors, deploy pipelines; declare incidents and post updates. */
    REPORTER,
    /** People on call: every incident and maintenance write, postmortems, the audit streams. */
    RESPONDER,
    /** The component catalogue, and everything else. */
    ADMIN;

    /** The name Spring Security's {@code hasRole} takes, without the {@code ROLE_} prefix. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + roleName();
    }
}
