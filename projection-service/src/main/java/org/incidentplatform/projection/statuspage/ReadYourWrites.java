package org.incidentplatform.projection.statuspage;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentplatform.projection.live.LiveStatus;
import org.incidentplatform.projection.status.StatusSnapshot;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes for public reads: a client that just got version N of a stream from
 * incident-service sends {@code X-Await-Version: <streamId>=<N>[,<streamId>=<N>…]}, and the read
 * waits, at most the configured timeout, until this instance has applied all of them. It then
 * answers either way, saying in {@code X-Awaited-Version} whether it got there ({@value #REACHED})
 * or gave up ({@value #TIMEOUT}). A malformed header is a 400 problem naming it, before any wait.
 *
 * <p>Anyone may send the header, so a wait must cost a stranger's target nothing: it holds no request
 * thread (the request goes asynchronous and the handler runs again once the projection publishes the
 * version or time is up), at most {@code maxWaiters} reads wait at once, and a read naming a stream this
 * instance has never seen waits only for that stream's first event. The last two answer at once with {@value #TIMEOUT}: what
 * this instance has, as for a wait that ran out.
 *
 * <p>Register it for the paths that read the status (the Statuspage API registers {@code /api/v2/**});
 * the handler then reads {@link LiveStatus#current()} after the wait.
 */
public final class ReadYourWrites implements HandlerInterceptor {

    public static final String AWAIT_VERSION = "X-Await-Version";
    public static final String AWAITED_VERSION = "X-Awaited-Version";
    public static final String REACHED = "reached";
    public static final String TIMEOUT = "timeout";

    /**
     * How much longer than the wait the servlet container gives the request: the wait's own timer answers
     * first; the container's only answers if that timer somehow did not.
     */
    static final Duration CONTAINER_GRACE = Duration.ofSeconds(5);

    /** Marks a request's asynchronous result as the end of a wait started here. */
    private static final Object WAIT = new Object();

    private static final Pattern ENTRY = Pattern.compile("\\s*([A-Za-z0-9._~:-]+)\\s*=\\s*([0-9]+)\\s*");

    private final LiveStatus live;
    private final Duration timeout;
    private final int maxWaiters;
    private final AtomicInteger waiting = new AtomicInteger();

    /** @param maxWaiters reads that may wait at once; beyond it a read answers at once with {@value #TIMEOUT} */
    public ReadYourWrites(LiveStatus live, Duration timeout, int maxWaiters) {
        this.live = live;
        this.timeout = timeout;
        this.maxWaiters = maxWaiters;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        WebAsyncManager async = WebAsyncUtils.getAsyncManager(request);
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            return resumed(async, response);
        }
        Map<String, Long> wanted = parse(Collections.list(request.getHeaders(AWAIT_VERSION)));
        if (wanted.isEmpty()) {
            return true;
        }
        StatusSnapshot now = live.current();
        if (now.hasReached(wanted)) {
            response.setHeader(AWAITED_VERSION, REACHED);
            return true;
        }
        if (namesAnUnknownStream(wanted, now) || !admitWaiter()) {
            response.setHeader(AWAITED_VERSION, TIMEOUT);
            return true;
        }
        DeferredResult<Awaited> result =
                new DeferredResult<>(timeout.plus(CONTAINER_GRACE).toMillis(), new Awaited(TIMEOUT));
        CompletableFuture<Boolean> reached = live.awaitVersions(wanted, timeout);
        reached.whenComplete((got, cancelled) -> {
            waiting.decrementAndGet();
            if (cancelled == null) {
                result.setResult(new Awaited(got ? REACHED : TIMEOUT));
            }
        });
        // A client that hangs up, or a container timeout, ends the wait and frees its place.
        result.onError(error -> reached.cancel(false));
        result.onCompletion(() -> reached.cancel(false));
        async.setAsyncWebRequest(WebAsyncUtils.createAsyncWebRequest(request, response));
        async.startDeferredResultProcessing(result, WAIT);
        return false;
    }

    /**
     * The request is dispatched again after a wait. Its result is only the outcome: cleared, so the handler
     * answers as for any read. A wait that ended in an error (the client hung up) has no one to answer.
     * Any other asynchronous result is the handler's own, for Spring to process.
     */
    private static boolean resumed(WebAsyncManager async, HttpServletResponse response) {
        Object[] context = async.getConcurrentResultContext();
        if (!async.hasConcurrentResult() || context == null || context.length != 1 || context[0] != WAIT) {
            return true;
        }
        Object result = async.getConcurrentResult();
        async.clearConcurrentResult();
        if (result instanceof Awaited awaited) {
            response.setHeader(AWAITED_VERSION, awaited.outcome());
            return true;
        }
        return false;
    }

    /** Reads waiting now, at most {@code maxWaiters}. */
    int waiting() {
        return waiting.get();
    }

    private boolean admitWaiter() {
        if (waiting.incrementAndGet() > maxWaiters) {
            waiting.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * A stream never seen here may never exist: anyone can make up an id. Only its first event can be
     * awaited (a client that has just declared an incident reads it back at version 1); a later version of
     * a stream whose first is not here yet is answered at once.
     */
    private static boolean namesAnUnknownStream(Map<String, Long> wanted, StatusSnapshot snapshot) {
        return wanted.entrySet().stream().anyMatch(w -> snapshot.version(w.getKey()) == 0 && w.getValue() > 1);
    }

    /** The outcome of a wait, as the asynchronous result that resumes the request. */
    private record Awaited(String outcome) {}

    /**
     * The versions the header values ask for, by stream; empty when there are none. A stream named
     * twice must reach the higher version. Stream ids are the URL-safe tokens incident-service assigns
     * ({@code A-Z a-z 0-9 . _ ~ : -}).
     *
     * @throws MalformedAwaitVersionException when a value is not a list of {@code streamId=version}
     *                                        with whole-number versions of 1 or more
     */
    public static Map<String, Long> parse(List<String> headerValues) {
        Map<String, Long> wanted = new LinkedHashMap<>();
        for (String value : headerValues) {
            for (String entry : value.split(",", -1)) {
                Matcher matcher = ENTRY.matcher(entry);
                if (!matcher.matches()) {
                    throw malformed(value);
                }
                long version;
                try {
                    version = Long.parseLong(matcher.group(2));
                } catch (NumberFormatException e) {
                    throw malformed(value);
                }
                if (version < 1) {
                    throw malformed(value);
                }
                wanted.merge(matcher.group(1), version, Math::max);
            }
        }
        return wanted;
    }

    private static MalformedAwaitVersionException malformed(String value) {
        return new MalformedAwaitVersionException(
                AWAIT_VERSION + " must be <streamId>=<version>[,<streamId>=<version>...]"
                        + " with whole-number versions of 1 or more, not '" + value + "'");
    }
}
