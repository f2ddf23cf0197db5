package org.incidentplatform.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack keeps its data and which loopback ports it uses, read from environment
 * variables. A malformed value stops the launcher with the variable's name.
 *
 * @param notificationAllowList hosts or address ranges notification-service may deliver webhooks to over
 *                              plain http or at private addresses ({@code NOTIFICATION_SERVICE_ALLOW_LIST},
 *                              comma-separated); loopback by default, for webhook receivers on this machine
 *                              (the smoke check's among them): everything here is on loopback anyway
 */
record StackSettings(
        Path home,
        Path dataDir,
        int kafkaPort,
        int controllerPort,
        int registryPort,
        int incidentPort,
        int projectionPort,
        int notificationPort,
        String notificationAllowList) {

    static final String LOOPBACK = "127.0.0.0/8";

    StackSettings(
            Path home,
            Path dataDir,
            int kafkaPort,
            int controllerPort,
            int registryPort,
            int incidentPort,
            int projectionPort,
            int notificationPort) {
        this(
                home,
                dataDir,
                kafkaPort,
                controllerPort,
                registryPort,
                incidentPort,
                projectionPort,
                notificationPort,
                LOOPBACK);
    }

    static StackSettings fromEnvironment(Map<String, String> env, Path home) {
        return new StackSettings(
                home,
                home.resolve(env.getOrDefault("DATA_DIR", "data")).normalize(),
                port(env, "KAFKA_PORT", 9092),
                port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "SCHEMA_REGISTRY_PORT", 8081),
                port(env, "INCIDENT_SERVICE_PORT", 8080),
                port(env, "PROJECTION_SERVICE_PORT", 8082),
                port(env, "NOTIFICATION_SERVICE_PORT", 8083),
                env.getOrDefault("NOTIFICATION_SERVICE_ALLOW_LIST", LOOPBACK).trim());
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(name + "='" + value + "' is not a TCP port (1-65535)");
        }
    }
}
