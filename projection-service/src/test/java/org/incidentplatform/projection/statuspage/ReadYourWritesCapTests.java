package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import org.incidentplatform.projection.live.LiveStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * At most {@value #MAX_WAITERS} reads wait at once; one more is answered at once with what there is, so
 * a stranger sending thousands of waits for a real stream gets them answered rather than piled up.
 */
@StatuspageSlice
@Import(RepresentativeLog.class)
@TestPropertySource(
        properties = "projection-service.read-your-writes-max-waiters=" + ReadYourWritesCapTests.MAX_WAITERS)
class ReadYourWritesCapTests {

    static final int MAX_WAITERS = 2;
    static final String SUMMARY = "/api/v2/summary.json";
    /** inc-live is at version 3 in the representative log: version 4 is worth waiting for, and never comes. */
    static final String AHEAD = "inc-live=4";

    @Autowired
    MockMvc http;

    @Autowired
    ReadYourWrites readYourWrites;

    @Autowired
    LiveStatus live;

    @Test
    void readBeyondTheCap_isAnsweredAtOnce_withTimeout_andAPlaceFreesWhenAWaitEnds() throws Exception {
        MvcResult first = waiting();
        MvcResult second = waiting();

        http.perform(get(SUMMARY).header(ReadYourWrites.AWAIT_VERSION, AHEAD))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isOk())
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.TIMEOUT))
                .andExpect(jsonPath("$.incidents[0].id").value("inc-live"));

        http.perform(asyncDispatch(first))
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.TIMEOUT));
        http.perform(asyncDispatch(second))
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.TIMEOUT));
        assertThat(readYourWrites.waiting()).isZero();
        assertThat(live.waiting()).isZero();

        http.perform(asyncDispatch(waiting()))
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.TIMEOUT));
    }

    @Test
    void readerThatHangsUp_freesItsPlace() throws Exception {
        MvcResult waiting = waiting();
        MockAsyncContext connection = (MockAsyncContext) waiting.getRequest().getAsyncContext();

        for (AsyncListener listener : connection.getListeners()) {
            listener.onError(new AsyncEvent(connection, new IOException("Connection reset by peer")));
        }
        connection.complete();

        assertThat(readYourWrites.waiting()).isZero();
        assertThat(live.waiting()).isZero();
    }

    private MvcResult waiting() throws Exception {
        return http.perform(get(SUMMARY).header(ReadYourWrites.AWAIT_VERSION, AHEAD))
                .andExpect(request().asyncStarted())
                .andReturn();
    }
}
