package org.incidentplatform.notification.channel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.notification.subscription.TargetPolicy;

/**
 * One JSON POST to a subscriber's URL, for webhooks and Slack. The target is checked against the
 * {@link TargetPolicy} at send time, and the connection goes to an address that check resolved and
 * vetted, never to a second lookup of the name, which could answer a private address (DNS rebinding);
 * the name stays in the Host header, the TLS server name and the certificate check. Redirects are not
 * followed (one could lead inside), and 2xx within the timeout is the only success. Results never carry
 * the URL, which may hold a secret.
 */
final class HttpPost {

    /** Ends requests at their timeout, however slowly the other side trickles its answer. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "http-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private final CloseableHttpClient client;
    private final TargetPolicy policy;
    private final Duration timeout;

    HttpPost(TargetPolicy policy, NotificationProperties.Webhook settings) {
        this.policy = policy;
        this.timeout = settings.timeout();
        Timeout limit = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new NoLookups())
                        .setMaxConnPerRoute(settings.perHostConcurrency())
                        .setMaxConnTotal(settings.maxInFlight())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit)
                        .setResponseTimeout(limit)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("incident-platform-notification-service")
                .build();
    }

    AttemptResult post(String target, String body, Map<String, String> headers) {
        long start = System.nanoTime();
        TargetPolicy.Verdict verdict = policy.check(target);
        if (verdict instanceof TargetPolicy.Verdict.Refused refused) {
            return new AttemptResult(false, null, "target refused: " + refused.reason(), elapsed(start));
        }
        TargetPolicy.Verdict.Allowed allowed = (TargetPolicy.Verdict.Allowed) verdict;
        URI uri = allowed.uri();
        HttpHost vetted = new HttpHost(uri.getScheme(), allowed.addresses().get(0), allowed.host(), uri.getPort());
        HttpUriRequestBase request = new HttpUriRequestBase("POST", uri);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        headers.forEach(request::setHeader);
        ScheduledFuture<?> deadline = DEADLINES.schedule(request::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(vetted, request, null)) {
            int status = response.getCode();
            // Read to its end, the connection serves the next delivery to this host; the deadline bounds it.
            EntityUtils.consumeQuietly(response.getEntity());
            return new AttemptResult(status >= 200 && status < 300, status, "HTTP " + status, elapsed(start));
        } catch (IOException e) {
            // A connect, read or pool timeout, or the deadline cancelling the request (which closes its socket).
            if (e instanceof InterruptedIOException || request.isCancelled()) {
                return new AttemptResult(
                        false, null, "no response within " + timeout.toSeconds() + " s", elapsed(start));
            }
            return new AttemptResult(
                    false, null, "connection failed: " + e.getClass().getSimpleName(), elapsed(start));
        } finally {
            deadline.cancel(false);
        }
    }

    static String lane(String target) {
        URI uri = URI.create(target);
        return uri.getHost() + ":" + uri.getPort();
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Every request names the address it may reach; a connection that would look a name up is refused. */
    private static final class NoLookups implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("only addresses vetted by the target policy are connected to");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("only addresses vetted by the target policy are connected to");
        }
    }
}
