package org.incidentplatform.schemas.serde;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.incidentplatform.schemas.registry.RegisteredSchema;
import org.incidentplatform.schemas.registry.SchemaRegistry;

/** Counts the calls that reach a registry, to prove the serde caches. */
final class CountingSchemaRegistry implements SchemaRegistry {

    private final SchemaRegistry delegate;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    CountingSchemaRegistry(SchemaRegistry delegate) {
        this.delegate = delegate;
    }

    int calls(String method) {
        return calls.getOrDefault(method, new AtomicInteger()).get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void count(String method) {
        calls.computeIfAbsent(method, key -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public int register(String subject, Schema schema) {
        count("register");
        return delegate.register(subject, schema);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        count("idOf");
        return delegate.idOf(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        count("schemaById");
        return delegate.schemaById(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        count("latest");
        return delegate.latest(subject);
    }

    @Override
    public List<String> compatibilityProblems(String subject, Schema schema) {
        count("compatibilityProblems");
        return delegate.compatibilityProblems(subject, schema);
    }

    @Override
    public List<String> subjects() {
        count("subjects");
        return delegate.subjects();
    }
}
