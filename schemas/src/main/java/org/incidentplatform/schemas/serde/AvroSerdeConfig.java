package org.incidentplatform.schemas.serde;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.incidentplatform.schemas.registry.HttpSchemaRegistry;

/**
 * Settings of the serde, under the same keys as Confluent's {@code KafkaAvroSerializer} and
 * {@code KafkaAvroDeserializer}, so either can be configured from the same properties.
 *
 * @param registryUrls            {@value #SCHEMA_REGISTRY_URL}; null when a registry was passed in
 * @param autoRegisterSchemas     {@value #AUTO_REGISTER_SCHEMAS}, default true
 * @param useLatestVersion        {@value #USE_LATEST_VERSION}, default false; as in Confluent's serializer
 *                                it applies only when auto registration is off
 * @param latestCacheTtl          {@value #LATEST_CACHE_TTL_SEC}, default -1: null, kept until restart
 * @param specificAvroReader      {@value #SPECIFIC_AVRO_READER}, default false
 * @param useLogicalTypeConverters {@value #USE_LOGICAL_TYPE_CONVERTERS}, default false: generic records
 *                                carry raw longs and ints for timestamps and dates, as Confluent's do
 * @param connectTimeout          {@value #HTTP_CONNECT_TIMEOUT_MS}
 * @param requestTimeout          {@value #HTTP_READ_TIMEOUT_MS}
 */
public record AvroSerdeConfig(
        String registryUrls,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        Duration latestCacheTtl,
        boolean specificAvroReader,
        boolean useLogicalTypeConverters,
        Duration connectTimeout,
        Duration requestTimeout) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** Also read with the {@code schema.registry.} prefix, which wins when both are given. */
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    /** Bounds a whole registry request. Also read with the {@code schema.registry.} prefix. */
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

    private static final String CLIENT_PREFIX = "schema.registry.";

    /** Confluent's defaults, for a serde built around a registry instance and never configured. */
    static AvroSerdeConfig defaults() {
        return new AvroSerdeConfig(
                null,
                true,
                false,
                null,
                false,
                false,
                HttpSchemaRegistry.DEFAULT_CONNECT_TIMEOUT,
                HttpSchemaRegistry.DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * @param registryRequired false when the serde was given a registry instance, which then
     *                         takes the place of {@value #SCHEMA_REGISTRY_URL}
     */
    static AvroSerdeConfig parse(Map<String, ?> configs, boolean isKey, boolean registryRequired) {
        String urls = string(configs, SCHEMA_REGISTRY_URL);
        if (registryRequired && (urls == null || urls.isBlank())) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL
                    + "\": the URL of the Confluent-compatible schema registry, e.g. http://localhost:8081");
        }
        String strategyKey = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        Object strategy = configs.get(strategyKey);
        if (strategy != null) {
            String name = strategy instanceof Class<?> type
                    ? type.getName()
                    : strategy.toString().strip();
            if (!TopicNameStrategy.CLASS_NAMES.contains(name)) {
                throw new ConfigException(
                        strategyKey,
                        strategy,
                        "only TopicNameStrategy is supported ("
                                + String.join(
                                        " or ",
                                        TopicNameStrategy.CLASS_NAMES.stream()
                                                .sorted()
                                                .toList()) + ")");
            }
        }
        long ttlSeconds = number(configs, LATEST_CACHE_TTL_SEC, -1);
        return new AvroSerdeConfig(
                urls == null || urls.isBlank() ? null : urls.strip(),
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                ttlSeconds < 0 ? null : Duration.ofSeconds(ttlSeconds),
                bool(configs, SPECIFIC_AVRO_READER, false),
                bool(configs, USE_LOGICAL_TYPE_CONVERTERS, false),
                millis(configs, HTTP_CONNECT_TIMEOUT_MS, HttpSchemaRegistry.DEFAULT_CONNECT_TIMEOUT),
                millis(configs, HTTP_READ_TIMEOUT_MS, HttpSchemaRegistry.DEFAULT_REQUEST_TIMEOUT));
    }

    private static String string(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Iterable<?> list) {
            // Kafka's ConfigDef hands LIST settings over as lists; Confluent's accepts them here too.
            StringBuilder joined = new StringBuilder();
            list.forEach(item -> joined.append(joined.length() == 0 ? "" : ",").append(item));
            return joined.toString();
        }
        return value.toString();
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, value, "expected true or false");
        };
    }

    private static long number(Map<String, ?> configs, String key, long defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number");
        }
    }

    private static Duration millis(Map<String, ?> configs, String key, Duration defaultValue) {
        String prefixed = CLIENT_PREFIX + key;
        String used = configs.get(prefixed) != null ? prefixed : key;
        long ms = number(configs, used, -1);
        if (configs.get(used) == null) {
            return defaultValue;
        }
        if (ms <= 0) {
            throw new ConfigException(used, configs.get(used), "expected a positive number of milliseconds");
        }
        return Duration.ofMillis(ms);
    }
}
