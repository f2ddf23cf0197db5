package org.incidentplatform.notification.channel;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.incidentplatform.notification.subscription.LinkSigner;

/** The links notices carry: to the incident on the status page, and the signed ones back to this service. */
public final class Links {

    private Links() {}

    public static String incident(URI statusPageUrl, String incidentId) {
        return strip(statusPageUrl) + "/incidents/" + encode(incidentId);
    }

    public static String confirm(URI publicUrl, LinkSigner signer, String subscriptionId) {
        return strip(publicUrl) + "/api/v1/subscriptions/" + encode(subscriptionId) + "/confirm?token="
                + signer.token(LinkSigner.Purpose.CONFIRM, subscriptionId);
    }

    public static String unsubscribe(URI publicUrl, LinkSigner signer, String subscriptionId) {
        return strip(publicUrl) + "/api/v1/subscriptions/" + encode(subscriptionId) + "/unsubscribe?token="
                + signer.token(LinkSigner.Purpose.UNSUBSCRIBE, subscriptionId);
    }

    private static String strip(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
