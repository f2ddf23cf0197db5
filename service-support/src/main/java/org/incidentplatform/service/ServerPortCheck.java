package org.incidentplatform.service;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;

/**
 * {@code server.port} ({@code SERVER_PORT}) must be a port. Boot's binder already names the setting
 * when the value is not a number; a number outside 0–65535 would otherwise surface as Tomcat's
 * stack trace. Runs when the web server factory is configured, before anything binds.
 */
final class ServerPortCheck implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    private final Environment environment;

    ServerPortCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        Integer port =
                Binder.get(environment).bind("server.port", Integer.class).orElse(null);
        if (port != null && (port < 0 || port > 65535)) {
            throw new InvalidConfigurationPropertyValueException(
                    "server.port", port, "not a TCP port: 1-65535, or 0 for any free one (SERVER_PORT)");
        }
    }
}
