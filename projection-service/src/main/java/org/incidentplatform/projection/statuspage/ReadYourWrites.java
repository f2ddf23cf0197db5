package org.incidentplatform.projection.statuspage;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.incidentplatform.projection.log.LiveStatus;

import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes for public reads: a client that just got version N of a stream from
 * incident-service sends {@code X-Await-Version: <streamId>=<N>[,<streamId>=<N>…]}, and the read
 * waits, at most the configured timeout, until this instance has applied all of them. It then
 * answers either way, saying in {@code X-Awaited-Version} whether it got there ({@value #REACHED})
 * or gave up ({@value #TIMEOUT}). A malformed header is a 400 problem naming it, before any wait.
 *
 * <p>Register it for the paths that read the status (the Statuspage API registers {@code /api/v2/**});
 * the handler then reads {@link LiveStatus#current()} after the wait.
 */
public final class ReadYourWrites implements HandlerInterceptor {

    public static final String AWAIT_VERSION = "X-Await-Version";
    public static final String AWAITED_VERSION = "X-Awaited-Version";
    public static final String REACHED = "reached";
    public static final String TIMEOUT = "timeout";

    private static final Pattern ENTRY = Pattern.compile("\\s*([A-Za-z0-9._~:-]+)\\s*=\\s*([0-9]+)\\s*");

    private final LiveStatus live;
    private final Duration timeout;

    public ReadYourWrites(LiveStatus live, Duration timeout) {
        this.live = live;
        this.timeout = timeout;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (CorsUtils.isPreFlightRequest(request)) {
            return true;
        }
        Map<String, Long> wanted = parse(Collections.list(request.getHeaders(AWAIT_VERSION)));
        if (!wanted.isEmpty()) {
            response.setHeader(AWAITED_VERSION, live.awaitVersions(wanted, timeout) ? REACHED : TIMEOUT);
        }
        return true;
    }

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
        return new MalformedAwaitVersionException(AWAIT_VERSION + " must be <streamId>=<version>[,<streamId>=<version>...]"
                + " with whole-number versions of 1 or more, not '" + value + "'");
    }
}
