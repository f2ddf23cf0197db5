package org.incidentplatform.projection.statuspage;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every endpoint against Statuspage's own examples (test resources {@code statuspage/}, sources in
 * their README), for a page with groups, a degraded component, a hidden one, an unresolved incident
 * with updates and affected components, a resolved and a retracted one, and an upcoming and an
 * active maintenance: a client written for Statuspage finds every field it knows, with its type and
 * one of its values.
 */
@StatuspageSlice
@Import(RepresentativeLog.class)
class StatuspageContractTests {

    private static final JsonMapper JSON = JsonMapper.shared();

    /** A maintenance that has not started has changed no component: its updates name none. */
    private static final Set<String> NOT_STARTED_CHANGED_NOTHING = Set.of(
            "$.scheduled_maintenances[].incident_updates[].affected_components[]",
            "$.scheduled_maintenances[].incident_updates[].affected_components[].code",
            "$.scheduled_maintenances[].incident_updates[].affected_components[].name",
            "$.scheduled_maintenances[].incident_updates[].affected_components[].old_status",
            "$.scheduled_maintenances[].incident_updates[].affected_components[].new_status");

    @Autowired
    MockMvc http;

    @ParameterizedTest
    @EnumSource(StatuspageEndpoint.class)
    void answer_hasTheStructureOfStatuspagesPublishedExample(StatuspageEndpoint endpoint) throws Exception {
        JsonShape.assertConforms(answer(endpoint), resource("published/" + exampleName(endpoint)), Set.of());
    }

    @ParameterizedTest
    @EnumSource(StatuspageEndpoint.class)
    void answer_hasTheObjectsOfTodaysStatuspage(StatuspageEndpoint endpoint) throws Exception {
        Set<String> mayStayUncovered =
                endpoint == StatuspageEndpoint.UPCOMING_MAINTENANCES ? NOT_STARTED_CHANGED_NOTHING : Set.of();
        JsonShape.assertConforms(answer(endpoint), currentExample(endpoint), mayStayUncovered);
    }

    private JsonNode answer(StatuspageEndpoint endpoint) throws Exception {
        byte[] body = http.perform(get(endpoint.path()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        return JSON.readTree(body);
    }

    /** {@code /api/v2/incidents/unresolved.json} → {@code incidents-unresolved.json}. */
    private static String exampleName(StatuspageEndpoint endpoint) {
        return endpoint.path().substring("/api/v2/".length()).replace('/', '-');
    }

    /** Today's objects (current-objects.json) in the document each endpoint answers with. */
    private static JsonNode currentExample(StatuspageEndpoint endpoint) throws IOException {
        JsonNode objects = resource("current-objects.json");
        ObjectNode document = JSON.createObjectNode();
        document.set("page", objects.get("page"));
        switch (endpoint) {
            case SUMMARY -> {
                document.set("status", objects.get("status"));
                document.putArray("components")
                        .add(objects.get("component_group"))
                        .add(objects.get("component"));
                document.putArray("incidents").add(objects.get("incident"));
                document.putArray("scheduled_maintenances").add(objects.get("scheduled_maintenance"));
            }
            case STATUS -> document.set("status", objects.get("status"));
            case COMPONENTS ->
                document.putArray("components")
                        .add(objects.get("component_group"))
                        .add(objects.get("component"));
            case INCIDENTS, UNRESOLVED_INCIDENTS ->
                document.putArray("incidents").add(objects.get("incident"));
            case SCHEDULED_MAINTENANCES, UPCOMING_MAINTENANCES, ACTIVE_MAINTENANCES ->
                document.putArray("scheduled_maintenances").add(objects.get("scheduled_maintenance"));
        }
        return document;
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = StatuspageContractTests.class.getResourceAsStream("/statuspage/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource statuspage/" + name);
            }
            return JSON.readTree(in);
        }
    }
}
