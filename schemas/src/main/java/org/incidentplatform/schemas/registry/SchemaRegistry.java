package org.incidentplatform.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that the serde and the tools need. Every method
 * throws {@link SchemaRegistryException} when the registry refuses or cannot be reached.
 *
 * @see HttpSchemaRegistry the client of a real (or the local) registry
 * @see InMemorySchemaRegistry for unit tests and tools
 */
public interface SchemaRegistry {

    /**
     * Registers the schema under the subject, or finds it when already registered.
     *
     * @return the schema's global id
     * @throws SchemaRegistryException {@link SchemaRegistryException#isIncompatible()} when the
     *                                 subject's compatibility level rejects it
     */
    int register(String subject, Schema schema);

    /**
     * The id of a schema already registered under the subject, without registering it.
     *
     * @throws SchemaRegistryException {@link SchemaRegistryException#isNotFound()} when the subject
     *                                 or the schema under it is unknown
     */
    int idOf(String subject, Schema schema);

    /** The schema with this global id, as a writer schema for decoding. */
    Schema schemaById(int id);

    /** The subject's latest version. */
    RegisteredSchema latest(String subject);

    /**
     * Why the schema could not be registered under the subject at its compatibility level.
     *
     * @return problems, empty when compatible or when the subject has no versions yet
     */
    List<String> compatibilityProblems(String subject, Schema schema);

    List<String> subjects();
}
