package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Compares a JSON answer with a Statuspage example by structure, not by value: every field of every
 * object in the example is in the answer with the same JSON type, recursively; an answer's array
 * element must match one of the example's elements (a group and a leaf component differ). Strings and
 * null count as one type, as Statuspage writes null for any unset string. Fields the answer has beyond
 * the example are fine: a client ignores what it does not know.
 *
 * <p>An answer whose arrays are empty would pass vacuously, so the comparison also reports each path
 * of the example that no value of the answer was checked against.
 *
 * <p>Also: enum-valued fields take values from Statuspage's sets, and times are ISO-8601 UTC with
 * milliseconds and {@code Z}, the one format these answers use.
 */
final class JsonShape {

    enum Type {
        STRING_OR_NULL,
        NUMBER,
        BOOLEAN,
        ARRAY,
        OBJECT
    }

    static final Set<String> COMPONENT_STATUSES =
            Set.of("operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance");
    static final Set<String> INCIDENT_STATUSES =
            Set.of("investigating", "identified", "monitoring", "resolved", "postmortem");
    static final Set<String> MAINTENANCE_STATUSES = Set.of("scheduled", "in_progress", "verifying", "completed");
    static final Set<String> INCIDENT_IMPACTS = Set.of("none", "minor", "major", "critical");
    static final Set<String> MAINTENANCE_IMPACTS = Set.of("none", "minor", "major", "critical", "maintenance");
    /** Statuspage answers {@code maintenance} ("Service Under Maintenance") while maintenance is under way. */
    static final Set<String> INDICATORS = Set.of("none", "minor", "major", "critical", "maintenance");

    /** Enum-valued fields by path, array elements written {@code []}; the first whose suffix matches applies. */
    private static final Map<String, Set<String>> ENUMS = new LinkedHashMap<>();

    static {
        ENUMS.put("$.status.indicator", INDICATORS);
        ENUMS.put(".affected_components[].old_status", COMPONENT_STATUSES);
        ENUMS.put(".affected_components[].new_status", COMPONENT_STATUSES);
        ENUMS.put("components[].status", COMPONENT_STATUSES);
        ENUMS.put("$.incidents[].incident_updates[].status", INCIDENT_STATUSES);
        ENUMS.put("$.incidents[].status", INCIDENT_STATUSES);
        ENUMS.put("$.incidents[].impact", INCIDENT_IMPACTS);
        ENUMS.put("$.scheduled_maintenances[].incident_updates[].status", MAINTENANCE_STATUSES);
        ENUMS.put("$.scheduled_maintenances[].status", MAINTENANCE_STATUSES);
        ENUMS.put("$.scheduled_maintenances[].impact", MAINTENANCE_IMPACTS);
    }

    private static final Pattern UTC_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    /**
     * @param problems  each field missing from the answer or of another type, by path
     * @param uncovered example paths no value of the answer was compared with
     */
    record Comparison(List<String> problems, Set<String> uncovered) {}

    private JsonShape() {}

    /**
     * Asserts that the answer has the example's structure and Statuspage's values.
     *
     * @param mayStayUncovered example paths the answer may legitimately have nothing at (say why at the call)
     */
    static void assertConforms(JsonNode answer, JsonNode example, Set<String> mayStayUncovered) {
        Comparison comparison = compare(answer, example);
        assertThat(comparison.problems())
                .as("fields missing or of another type than in the example")
                .isEmpty();
        assertThat(comparison.uncovered())
                .as("example paths the answer gave nothing to compare with")
                .isSubsetOf(mayStayUncovered);
        assertThat(enumProblems(answer))
                .as("values outside Statuspage's vocabulary")
                .isEmpty();
        assertThat(timeProblems(answer))
                .as("times not in ISO-8601 UTC with milliseconds and Z")
                .isEmpty();
    }

    static Comparison compare(JsonNode answer, JsonNode example) {
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        compare(answer, example, "$", problems, covered);
        Set<String> uncovered = new TreeSet<>();
        collectPaths(example, "$", uncovered);
        uncovered.removeAll(covered);
        return new Comparison(problems, uncovered);
    }

    static Type typeOf(JsonNode node) {
        if (node.isObject()) {
            return Type.OBJECT;
        }
        if (node.isArray()) {
            return Type.ARRAY;
        }
        if (node.isNumber()) {
            return Type.NUMBER;
        }
        if (node.isBoolean()) {
            return Type.BOOLEAN;
        }
        if (node.isString() || node.isNull()) {
            return Type.STRING_OR_NULL;
        }
        throw new IllegalArgumentException("not a JSON value type: " + node);
    }

    private static void compare(
            JsonNode answer, JsonNode example, String path, List<String> problems, Set<String> covered) {
        Type expected = typeOf(example);
        Type found = typeOf(answer);
        if (expected != found) {
            problems.add(path + ": " + found + " " + answer + " where the example has " + expected);
            return;
        }
        covered.add(path);
        if (expected == Type.OBJECT) {
            for (String name : example.propertyNames()) {
                String fieldPath = path + "." + name;
                if (!answer.has(name)) {
                    problems.add(fieldPath + ": missing");
                } else {
                    compare(answer.get(name), example.get(name), fieldPath, problems, covered);
                }
            }
        } else if (expected == Type.ARRAY && !example.isEmpty()) {
            for (int i = 0; i < answer.size(); i++) {
                compareElement(answer.get(i), example, path + "[]", "element " + i, problems, covered);
            }
        }
    }

    private static void compareElement(
            JsonNode element,
            JsonNode exampleArray,
            String path,
            String which,
            List<String> problems,
            Set<String> covered) {
        List<String> closest = null;
        for (JsonNode candidate : exampleArray.values()) {
            List<String> candidateProblems = new ArrayList<>();
            Set<String> candidateCovered = new TreeSet<>();
            compare(element, candidate, path, candidateProblems, candidateCovered);
            if (candidateProblems.isEmpty()) {
                covered.addAll(candidateCovered);
                return;
            }
            if (closest == null || candidateProblems.size() < closest.size()) {
                closest = candidateProblems;
            }
        }
        problems.add(path + " (" + which + ") matches no example element; closest: " + closest);
    }

    private static void collectPaths(JsonNode example, String path, Set<String> paths) {
        paths.add(path);
        if (example.isObject()) {
            for (Map.Entry<String, JsonNode> field : example.properties()) {
                collectPaths(field.getValue(), path + "." + field.getKey(), paths);
            }
        } else if (example.isArray()) {
            for (JsonNode element : example.values()) {
                collectPaths(element, path + "[]", paths);
            }
        }
    }

    /** Values of enum-valued fields that are not in Statuspage's set for that field. */
    static List<String> enumProblems(JsonNode answer) {
        List<String> problems = new ArrayList<>();
        walk(answer, "$", (path, value) -> {
            for (Map.Entry<String, Set<String>> rule : ENUMS.entrySet()) {
                if (path.endsWith(rule.getKey())) {
                    if (!value.isString() || !rule.getValue().contains(value.stringValue())) {
                        problems.add(path + ": " + value + " is not one of " + new TreeSet<>(rule.getValue()));
                    }
                    return;
                }
            }
        });
        return problems;
    }

    /** Times ({@code *_at}, {@code scheduled_for}, {@code scheduled_until}) that are neither null nor UTC with Z. */
    static List<String> timeProblems(JsonNode answer) {
        List<String> problems = new ArrayList<>();
        walk(answer, "$", (path, value) -> {
            String field = path.substring(path.lastIndexOf('.') + 1);
            boolean time = field.endsWith("_at") || field.equals("scheduled_for") || field.equals("scheduled_until");
            if (time
                    && !value.isNull()
                    && !(value.isString()
                            && UTC_TIME.matcher(value.stringValue()).matches())) {
                problems.add(path + ": " + value);
            }
        });
        return problems;
    }

    private interface Visitor {
        void scalar(String path, JsonNode value);
    }

    private static void walk(JsonNode node, String path, Visitor visitor) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                walk(field.getValue(), path + "." + field.getKey(), visitor);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node.values()) {
                walk(element, path + "[]", visitor);
            }
        } else {
            visitor.scalar(path, node);
        }
    }
}
