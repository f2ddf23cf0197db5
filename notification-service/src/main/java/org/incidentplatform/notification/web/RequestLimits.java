package org.incidentplatform.notification.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protects the subscription endpoints, which the public can reach and which send mail: a token bucket
 * per client address ({@code burst} at once, refilled at {@code perMinute}); beyond it, 429 with
 * {@code Retry-After}. Body size is {@link org.incidentplatform.service.web.BodySizeLimit}'s.
 */
final class RequestLimits extends OncePerRequestFilter {

    /** Buckets of clients idle this long are full again and can be forgotten. */
    private static final int FORGET_ABOVE = 10_000;

    private final int burst;
    private final double perNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestLimits(int burst, int perMinute) {
        this.burst = burst;
        this.perNano = perMinute / 60e9;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = System.nanoTime();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now, burst, perNano));
        }
        long waitNanos = buckets.computeIfAbsent(request.getRemoteAddr(), key -> new Bucket(burst, now))
                .take(now, burst, perNano);
        if (waitNanos > 0) {
            long seconds = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
            problem(response, "too many requests from this client; retry after " + seconds + " s", seconds);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void problem(HttpServletResponse response, String detail, long retryAfter) throws IOException {
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setContentType("application/problem+json");
        response.getOutputStream()
                .write(("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429" + ",\"detail\":\""
                                + detail + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updated = now;
        }

        /** Takes a token; returns 0, or how long until one is there. */
        synchronized long take(long now, int burst, double perNano) {
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized boolean fullAt(long now, int burst, double perNano) {
            return tokens + (now - updated) * perNano >= burst;
        }
    }
}
