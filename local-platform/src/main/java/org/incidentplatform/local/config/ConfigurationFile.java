package org.incidentplatform.local.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks a Spring Boot {@code application*.yml} before anything runs it: that it is YAML at all, and that
 * every property it sets is one some {@code @ConfigurationProperties} on the classpath declares (by the
 * {@code META-INF/spring-configuration-metadata.json} that Boot's jars and our configuration processor
 * write). Spring itself ignores an unknown property, so a misspelt {@code spring.kafka.consumer.group-idd}
 * would otherwise run with the default, silently: the "one stray character" outage.
 *
 * <p>A property of a map or collection type accepts any key below it ({@code logging.level.*},
 * {@code spring.kafka.properties.*}, list entries); keys are compared in kebab case, as Boot's relaxed
 * binding does.
 */
public final class ConfigurationFile {

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final Pattern UPPER = Pattern.compile("([a-z0-9])([A-Z])");
    private static final String[] METADATA = {
        "META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json"
    };

    private ConfigurationFile() {}

    /** Problems of a YAML file of any kind: empty if it parses, else the parser's complaint with its line. */
    public static List<String> yamlProblems(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object ignored : yaml().loadAll(reader)) {
                // Parsing every document is the check.
            }
            return List.of();
        } catch (MarkedYAMLException invalid) {
            return List.of(file + ": not valid YAML at line "
                    + (invalid.getProblemMark().getLine() + 1) + ": " + invalid.getProblem());
        } catch (YAMLException | IOException invalid) {
            return List.of(file + ": not valid YAML: " + invalid.getMessage());
        }
    }

    /**
     * Problems of a Spring Boot configuration file: YAML errors, and each property no configuration metadata
     * visible to {@code classLoader} declares, by name.
     */
    public static List<String> springProblems(Path file, ClassLoader classLoader) {
        List<String> problems = new ArrayList<>(yamlProblems(file));
        if (!problems.isEmpty()) {
            return problems;
        }
        Map<String, Property> known = metadata(classLoader);
        for (String name : properties(file)) {
            String problem = check(name, known);
            if (problem != null) {
                problems.add(file.getFileName() + ": " + problem);
            }
        }
        return problems;
    }

    private static String check(String name, Map<String, Property> known) {
        String plain = kebab(INDEX.matcher(name).replaceAll(""));
        Property exact = known.get(plain);
        if (exact != null) {
            return exact.error() ? "'" + name + "' is no longer supported: " + exact.reason() : null;
        }
        // The longest declared prefix decides: a map or collection takes any keys below it.
        for (String prefix = parent(plain); prefix != null; prefix = parent(prefix)) {
            Property enclosing = known.get(prefix);
            if (enclosing != null) {
                return enclosing.container()
                        ? null
                        : "'" + name + "' is not a property: '" + prefix + "' is a single " + enclosing.type();
            }
        }
        return "'" + name + "' is not a property any component of this service reads (misspelt?)";
    }

    private static String parent(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(0, dot);
    }

    static String kebab(String name) {
        return UPPER.matcher(name).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Every property the file sets, flattened as Spring flattens YAML: {@code a.b[0].c}; every document. */
    static List<String> properties(Path file) {
        List<String> names = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object document : yaml().loadAll(reader)) {
                flatten("", document, names);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return names;
    }

    private static void flatten(String prefix, Object value, List<String> names) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty() && !prefix.isEmpty()) {
                names.add(prefix);
            }
            map.forEach(
                    (key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child, names));
        } else if (value instanceof List<?> list
                && list.stream().anyMatch(e -> e instanceof Map<?, ?> || e instanceof List<?>)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), names);
            }
        } else if (!prefix.isEmpty()) {
            names.add(prefix);
        }
    }

    private static Map<String, Property> metadata(ClassLoader classLoader) {
        ObjectMapper json = new ObjectMapper();
        Map<String, Property> known = new HashMap<>();
        try {
            for (String resource : METADATA) {
                Enumeration<URL> files = classLoader.getResources(resource);
                while (files.hasMoreElements()) {
                    try (InputStream in = files.nextElement().openStream()) {
                        JsonNode root = json.readTree(in);
                        for (JsonNode property : root.path("properties")) {
                            JsonNode deprecation = property.path("deprecation");
                            known.put(
                                    property.path("name").asText(),
                                    new Property(
                                            property.path("type").asText("?"),
                                            "error"
                                                    .equals(deprecation
                                                            .path("level")
                                                            .asText()),
                                            deprecation.path("reason").asText("")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Spring configuration metadata", e);
        }
        return known;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    private record Property(String type, boolean error, String reason) {

        /** Map, collection or array: its keys or indexes are part of the name. */
        boolean container() {
            return type.startsWith("java.util.Map")
                    || type.startsWith("java.util.List")
                    || type.startsWith("java.util.Set")
                    || type.startsWith("java.util.Collection")
                    || type.endsWith("[]")
                    || type.startsWith("java.util.Properties");
        }
    }
}
