package org.incidentplatform.service;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@code spring.kafka.bootstrap-servers}, checked when the service starts. Spring Kafka takes the value as
 * it is, and a Kafka client built from a malformed one fails later, somewhere in a stack trace, or retries a
 * host that does not exist; this stops the start at once with the property's name and what is wrong.
 */
record BootstrapServers(List<String> addresses) {

    static final String PROPERTY = "spring.kafka.bootstrap-servers";
    private static final Pattern ADDRESS =
            Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+])" + ":(\\d{1,5})");

    BootstrapServers {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw invalid("", "must list at least one broker as host:port (KAFKA_BOOTSTRAP_SERVERS)");
        }
        for (String address : addresses) {
            Matcher parts = ADDRESS.matcher(address.trim());
            if (!parts.matches()) {
                throw invalid(
                        String.join(",", addresses),
                        "'" + address + "' is not host:port, e.g. 127.0.0.1:9092" + " (KAFKA_BOOTSTRAP_SERVERS)");
            }
            int port = Integer.parseInt(parts.group(1));
            if (port < 1 || port > 65535) {
                throw invalid(
                        String.join(",", addresses),
                        "'" + address + "' has port " + port + ", not 1-65535 (KAFKA_BOOTSTRAP_SERVERS)");
            }
        }
    }

    private static InvalidConfigurationPropertyValueException invalid(String value, String reason) {
        return new InvalidConfigurationPropertyValueException(PROPERTY, value, reason);
    }
}
