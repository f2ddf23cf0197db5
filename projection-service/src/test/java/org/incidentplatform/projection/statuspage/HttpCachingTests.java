package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.schemas.given.GivenEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/** ETag and 304, Cache-Control, the data-as-of time and CORS, as a widget on another site meets them. */
@StatuspageSlice
@Import(RepresentativeLog.class)
class HttpCachingTests {

    static final String SUMMARY = "/api/v2/summary.json";

    @Autowired
    MockMvc http;

    @Autowired
    LiveStatus live;

    private String etagOf(String path) throws Exception {
        return http.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getHeader("ETag");
    }

    @Test
    void answer_carriesAStrongETag_publicMaxAge_andWhenItsDataWasLastKnownCurrent() throws Exception {
        http.perform(get(SUMMARY))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", startsWith("\"")))
                .andExpect(header().string("Cache-Control", "max-age=10, public"))
                .andExpect(header().string(
                                StatuspageController.DATA_AS_OF,
                                StatuspageDocuments.time(StatuspageLog.CONFIRMED_CURRENT_AT)));
    }

    @Test
    void ifNoneMatch_withTheCurrentETag_isNotModified_withoutBody_butWithItsHeaders() throws Exception {
        String etag = etagOf(SUMMARY);

        http.perform(get(SUMMARY).header("If-None-Match", etag))
                .andExpect(status().isNotModified())
                .andExpect(content().bytes(new byte[0]))
                .andExpect(header().string("ETag", etag))
                .andExpect(header().string("Cache-Control", "max-age=10, public"))
                .andExpect(header().string(
                                StatuspageController.DATA_AS_OF,
                                StatuspageDocuments.time(StatuspageLog.CONFIRMED_CURRENT_AT)));
    }

    @Test
    void ifNoneMatch_naming_theCurrentETag_amongOthers_orInWeakForm_isNotModified() throws Exception {
        String etag = etagOf(SUMMARY);

        http.perform(get(SUMMARY).header("If-None-Match", "\"older\", " + etag)).andExpect(status().isNotModified());
        http.perform(get(SUMMARY).header("If-None-Match", "W/" + etag)).andExpect(status().isNotModified());
    }

    @Test
    void ifNoneMatch_withAnotherETag_answersInFull() throws Exception {
        http.perform(get(SUMMARY).header("If-None-Match", "\"somethingElse\""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"indicator\":\"major\"")));
    }

    @Test
    void eachEndpoint_hasItsOwnETag() throws Exception {
        assertThat(etagOf(SUMMARY)).isNotEqualTo(etagOf("/api/v2/status.json"));
        assertThat(etagOf(SUMMARY)).isEqualTo(etagOf(SUMMARY));
    }

    @Test
    @DirtiesContext
    void aChangeOfStatus_changesTheETag_soAHeldCopyIsSentAgain() throws Exception {
        String before = etagOf(SUMMARY);
        GivenEvents later = StatuspageLog.representative();
        live.apply(later.incident("inc-live").resolved().event());

        http.perform(get(SUMMARY).header("If-None-Match", before))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", not(before)))
                .andExpect(content().string(containsString("\"incidents\":[]")));
    }

    @Test
    void aWidgetOnAnotherSite_mayRead_andSeeTheFreshnessHeaders() throws Exception {
        http.perform(get(SUMMARY).header("Origin", "https://widget.example.org"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "*"))
                .andExpect(header().string("Access-Control-Expose-Headers", containsString("ETag")))
                .andExpect(header().string(
                                "Access-Control-Expose-Headers", containsString(StatuspageController.DATA_AS_OF)))
                .andExpect(header().string(
                                "Access-Control-Expose-Headers", containsString(ReadYourWrites.AWAITED_VERSION)));
    }

    @Test
    void aWidgetOnAnotherSite_mayAskToAwaitItsWrite() throws Exception {
        http.perform(options(SUMMARY)
                        .header("Origin", "https://widget.example.org")
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "x-await-version"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "*"))
                .andExpect(header().string(
                                "Access-Control-Allow-Headers",
                                containsStringIgnoringCase(ReadYourWrites.AWAIT_VERSION)));
    }
}
