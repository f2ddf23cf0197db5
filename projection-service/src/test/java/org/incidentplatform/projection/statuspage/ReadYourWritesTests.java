package org.incidentplatform.projection.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.incidentplatform.events.IncidentEvent;
import org.incidentplatform.projection.live.LiveStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * A client that just wrote version N asks the read to wait for it. In the representative log inc-live
 * is at version 3 and mnt-now at 2; the slice waits at most {@link StatuspageSlice#READ_YOUR_WRITES_TIMEOUT_MS}.
 * A read that waits goes asynchronous (its request thread is released) and is answered on the async
 * dispatch; one that need not wait is answered on its own thread at once.
 */
@StatuspageSlice
@Import(RepresentativeLog.class)
class ReadYourWritesTests {

    static final String UNRESOLVED = "/api/v2/incidents/unresolved.json";

    @Autowired
    MockMvc http;

    @Autowired
    LiveStatus live;

    @Test
    void versionAlreadyApplied_answersAtOnce_reached() throws Exception {
        long started = System.nanoTime();

        http.perform(get(UNRESOLVED).header(ReadYourWrites.AWAIT_VERSION, "inc-live=3"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isOk())
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.REACHED));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .isLessThan(StatuspageSlice.READ_YOUR_WRITES_TIMEOUT_MS);
    }

    @Test
    void versionAheadOfTheLog_answersWhatItHas_afterTheTimeout() throws Exception {
        long started = System.nanoTime();

        http.perform(asyncDispatch(waiting(get(UNRESOLVED).header(ReadYourWrites.AWAIT_VERSION, "inc-live=4"))))
                .andExpect(status().isOk())
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.TIMEOUT))
                .andExpect(jsonPath("$.incidents[0].id").value("inc-live"));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(StatuspageSlice.READ_YOUR_WRITES_TIMEOUT_MS);
    }

    @Test
    void everyNamedStream_mustBeReached() throws Exception {
        http.perform(get(UNRESOLVED).header(ReadYourWrites.AWAIT_VERSION, "inc-live=3, mnt-now=2"))
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.REACHED));
        http.perform(asyncDispatch(
                        waiting(get(UNRESOLVED).header(ReadYourWrites.AWAIT_VERSION, "inc-live=3, mnt-now=3"))))
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.TIMEOUT));
    }

    @Test
    void streamNeverSeen_isAnsweredAtOnce_withWhatThereIs_unlessItsFirstEventIsAwaited() throws Exception {
        http.perform(get(UNRESOLVED).header(ReadYourWrites.AWAIT_VERSION, "x=999999"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isOk())
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.TIMEOUT))
                .andExpect(jsonPath("$.incidents[0].id").value("inc-live"));
        http.perform(get(UNRESOLVED).header(ReadYourWrites.AWAIT_VERSION, "inc-live=4, made-up=2"))
                .andExpect(request().asyncNotStarted())
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.TIMEOUT));
        // Just declared, not projected yet: the declaration is waited for.
        http.perform(get(UNRESOLVED).header(ReadYourWrites.AWAIT_VERSION, "just-declared=1"))
                .andExpect(request().asyncStarted());
    }

    @Test
    @DirtiesContext
    void versionAppliedWhileWaiting_isInTheAnswer() throws Exception {
        IncidentEvent resolution =
                StatuspageLog.representative().incident("inc-live").resolved().event();
        MvcResult waiting =
                waiting(get(UNRESOLVED).header(ReadYourWrites.AWAIT_VERSION, "inc-live=" + resolution.getSequence()));
        CompletableFuture<Void> applied = CompletableFuture.runAsync(
                () -> live.apply(resolution), CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));

        http.perform(asyncDispatch(waiting))
                .andExpect(status().isOk())
                .andExpect(header().string(ReadYourWrites.AWAITED_VERSION, ReadYourWrites.REACHED))
                .andExpect(jsonPath("$.incidents").value(empty()));
        applied.get(1, TimeUnit.SECONDS);
    }

    /** Performs a read that must wait: it goes asynchronous instead of holding its thread. */
    private MvcResult waiting(RequestBuilder read) throws Exception {
        return http.perform(read).andExpect(request().asyncStarted()).andReturn();
    }

    @Test
    void withoutTheHeader_nothingIsAwaited() throws Exception {
        http.perform(get(UNRESOLVED))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist(ReadYourWrites.AWAITED_VERSION));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "inc-live",
                "inc-live=",
                "=3",
                "inc-live=three",
                "inc-live=0",
                "inc-live=-1",
                "inc-live=3,",
                "inc-live=3;mnt-now=1",
                "inc-live=99999999999999999999"
            })
    void malformedHeader_isA400ProblemNamingIt_beforeAnyWait(String value) throws Exception {
        http.perform(get(UNRESOLVED).header(ReadYourWrites.AWAIT_VERSION, value))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.header").value(ReadYourWrites.AWAIT_VERSION))
                .andExpect(jsonPath("$.detail").value(containsString(ReadYourWrites.AWAIT_VERSION + " must be")))
                .andExpect(header().doesNotExist(ReadYourWrites.AWAITED_VERSION));
    }
}
