package org.incidentplatform.service;

import java.util.Map;

import org.apache.avro.Schema;

/**
 * The record schemas a service writes, by registry subject. At start the service checks that the schema
 * registry answers and that each of these is compatible with the subject's latest version there, so a
 * build with a broken schema stops at start instead of failing on its first write.
 */
public record ServiceSchemas(Map<String, Schema> written) {

    public ServiceSchemas {
        written = Map.copyOf(written);
    }

    public static ServiceSchemas writes(Map<String, Schema> written) {
        return new ServiceSchemas(written);
    }

    /** A service that only reads: the registry must still answer, since every record read needs it. */
    public static ServiceSchemas readsOnly() {
        return new ServiceSchemas(Map.of());
    }
}
