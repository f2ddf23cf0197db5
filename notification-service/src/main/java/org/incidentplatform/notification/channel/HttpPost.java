package org.incidentplatform.notification.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.incidentplatform.notification.subscription.TargetPolicy;

/**
 * One JSON POST to a subscriber's URL, for webhooks and Slack: the target is checked against the
 * {@link TargetPolicy} again at send time, redirects are not followed (one could lead inside), and
 * 2xx within the timeout is the only success. Results never carry the URL, which may hold a secret.
 */
final class HttpPost {

    private final HttpClient client;
    private final TargetPolicy policy;
    private final Duration timeout;

    HttpPost(TargetPolicy policy, Duration timeout) {
        this.policy = policy;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    AttemptResult post(String target, String body, Map<String, String> headers) {
        long start = System.nanoTime();
        Optional<String> refusal = policy.refusal(target);
        if (refusal.isPresent()) {
            return new AttemptResult(false, null, "target refused: " + refusal.get(), elapsed(start));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "incident-platform-notification-service")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new AttemptResult(status >= 200 && status < 300, status, "HTTP " + status, elapsed(start));
        } catch (HttpTimeoutException e) {
            return new AttemptResult(false, null, "no response within " + timeout.toSeconds() + " s", elapsed(start));
        } catch (IOException e) {
            return new AttemptResult(false, null, "connection failed: " + e.getClass().getSimpleName(),
                    elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult(false, null, "interrupted", elapsed(start));
        }
    }

    static String lane(String target) {
        URI uri = URI.create(target);
        return uri.getHost() + ":" + uri.getPort();
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
