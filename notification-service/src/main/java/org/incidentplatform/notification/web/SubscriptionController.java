package org.incidentplatform.notification.web;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.incidentplatform.notification.NotificationProperties;
import org.incidentplatform.notification.channel.AttemptResult;
import org.incidentplatform.notification.channel.EmailChannel;
import org.incidentplatform.notification.channel.WebhookSigner;
import org.incidentplatform.notification.subscription.Channel;
import org.incidentplatform.notification.subscription.LinkSigner;
import org.incidentplatform.notification.subscription.Subscription;
import org.incidentplatform.notification.subscription.SubscriptionChange;
import org.incidentplatform.notification.subscription.SubscriptionDirectory;
import org.incidentplatform.notification.subscription.SubscriptionLog;
import org.incidentplatform.notification.subscription.TargetPolicy;
import org.incidentplatform.schemas.Vocabulary.Impact;
import org.incidentplatform.service.web.JsonRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Subscriptions over HTTP. Every change is an event appended to notification-subscriptions and
 * acknowledged before the answer; reads come from this instance's {@link SubscriptionDirectory}.
 */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionController.class);

    private static final int MAX_TARGET_LENGTH = 2048;
    private static final int MAX_COMPONENTS = 200;
    private static final Pattern COMPONENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Deliberately plain: one @, no spaces or angle brackets, a dot in the domain. Confirmation proves the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>()\",;]{1,64}@[^@\\s<>()\",;]+\\.[^@\\s<>()\",;]+");

    private final SubscriptionLog subscriptions;
    private final SubscriptionDirectory directory;
    private final TargetPolicy targets;
    private final LinkSigner links;
    private final EmailChannel email;
    private final NotificationProperties.Confirmation confirmation;
    private final Clock clock;

    SubscriptionController(
            SubscriptionLog subscriptions,
            SubscriptionDirectory directory,
            TargetPolicy targets,
            LinkSigner links,
            EmailChannel email,
            NotificationProperties properties,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.directory = directory;
        this.targets = targets;
        this.links = links;
        this.email = email;
        this.confirmation = properties.confirmation();
        this.clock = clock;
    }

    /**
     * @param components  component ids; none or empty means every component
     * @param minImpact   none (default), minor, major or critical
     * @param maintenance whether maintenance notices are wanted (default true)
     */
    record SubscribeRequest(
            String channel, String target, List<String> components, String minImpact, Boolean maintenance)
            implements JsonRequest {

        @Override
        public String toString() {
            return "SubscribeRequest[channel=" + channel + "]";
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> subscribe(@RequestBody SubscribeRequest request, Authentication caller) {
        Channel channel = channel(request.channel());
        if (channel != Channel.EMAIL && !isAdmin(caller)) {
            if (caller == null) {
                throw new InsufficientAuthenticationException("webhook and slack subscriptions need the admin token");
            }
            throw new org.springframework.security.access.AccessDeniedException("admin only");
        }
        String target = target(channel, request.target());
        Set<String> components = components(request.components());
        Impact minImpact = minImpact(request.minImpact());
        boolean maintenance = request.maintenance() == null || request.maintenance();
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        String secret = channel == Channel.WEBHOOK ? WebhookSigner.newSecret() : null;
        Instant now = clock.instant();
        SubscriptionChange.Created created =
                new SubscriptionChange.Created(id, channel, target, components, minImpact, maintenance, secret, now);
        subscriptions.append(id, created, caller == null ? "public" : caller.getName());
        Subscription subscription = SubscriptionChange.evolve(null, created);
        log.info("subscription {} created: {}", id, subscription);
        Map<String, Object> body = view(subscription);
        if (channel == Channel.EMAIL) {
            AttemptResult mail = email.sendConfirmation(subscription);
            if (!mail.delivered()) {
                log.warn("confirmation mail for {} not sent: {}", id, mail.detail());
                throw new ProblemException(
                        HttpStatus.BAD_GATEWAY,
                        null,
                        "the confirmation email could not be sent; subscribe again later");
            }
            body.put("detail", "check your inbox: the subscription starts once its confirmation link is followed");
            return ResponseEntity.accepted().body(body);
        }
        if (secret != null) {
            // Shown this once: the receiver verifies webhook-signature with it.
            body.put("secret", secret);
        }
        return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + id)).body(body);
    }

    @GetMapping
    List<Map<String, Object>> list() {
        List<Map<String, Object>> all = new ArrayList<>();
        directory.all().stream()
                .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id))
                .forEach(subscription -> all.add(view(subscription)));
        return all;
    }

    @GetMapping("/{id}")
    Map<String, Object> one(@PathVariable String id) {
        return view(known(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication caller) {
        Subscription subscription = known(id);
        if (subscription.status() != Subscription.Status.UNSUBSCRIBED) {
            subscriptions.append(id, new SubscriptionChange.Unsubscribed("admin", clock.instant()), caller.getName());
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/enable")
    Map<String, Object> enable(@PathVariable String id, Authentication caller) {
        Subscription subscription = known(id);
        if (subscription.status() != Subscription.Status.QUARANTINED) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "id",
                    "subscription " + id + " is " + subscription.status().name().toLowerCase(Locale.ROOT)
                            + ", not quarantined");
        }
        Instant now = clock.instant();
        subscriptions.append(id, new SubscriptionChange.Reenabled(now), caller.getName());
        return view(SubscriptionChange.evolve(subscription, new SubscriptionChange.Reenabled(now)));
    }

    /**
     * The link in the mail only shows a button: mail scanners fetch links to check them, and a GET that
     * confirmed would confirm subscriptions that someone else made with the address.
     */
    @GetMapping(value = "/{id}/confirm", produces = MediaType.TEXT_HTML_VALUE)
    String confirmPage(@PathVariable String id, @RequestParam(required = false) String token) {
        Subscription subscription = confirmable(id, token);
        if (subscription.status() == Subscription.Status.PENDING) {
            // Relative to this page's URL: the form posts to the very link that was followed.
            return page(
                    "Confirm your subscription",
                    "Receive incident notifications at " + subscription.target() + "?",
                    "<form method=\"post\" action=\"confirm?token=" + HtmlUtils.htmlEscape(token)
                            + "\"><button type=\"submit\">Confirm subscription</button></form>");
        }
        return settled(subscription);
    }

    @PostMapping(value = "/{id}/confirm", produces = MediaType.TEXT_HTML_VALUE)
    String confirm(@PathVariable String id, @RequestParam(required = false) String token) {
        Subscription subscription = confirmable(id, token);
        if (subscription.status() == Subscription.Status.PENDING) {
            subscriptions.append(id, new SubscriptionChange.Confirmed(clock.instant()), "public");
            return page("Subscription confirmed", "You will be told about incidents from now on.", "");
        }
        return settled(subscription);
    }

    private static String settled(Subscription subscription) {
        if (subscription.status() == Subscription.Status.UNSUBSCRIBED) {
            return page(
                    "Subscription ended", "This subscription was cancelled; subscribe again to receive notices.", "");
        }
        return page("Subscription confirmed", "This subscription was confirmed already.", "");
    }

    /**
     * A subscription a confirm link may act on: the token is its own, and, while it is pending, younger than
     * the token's time to live. A signed link to a subscription this service no longer has is one whose
     * pending subscription expired and was forgotten.
     */
    private Subscription confirmable(String id, String token) {
        verified(LinkSigner.Purpose.CONFIRM, id, token);
        Subscription subscription = directory.find(id).orElseThrow(SubscriptionController::expired);
        if (subscription.status() == Subscription.Status.PENDING
                && !clock.instant().isBefore(subscription.createdAt().plus(confirmation.tokenTtl()))) {
            throw expired();
        }
        return subscription;
    }

    private static ProblemException expired() {
        return new ProblemException(
                HttpStatus.GONE, "token", "this confirmation link has expired: subscribe again to get a new one");
    }

    /** GET for the link in the mail, POST for RFC 8058 one-click unsubscribe from the mail client. */
    @RequestMapping(
            value = "/{id}/unsubscribe",
            produces = MediaType.TEXT_HTML_VALUE,
            method = {
                org.springframework.web.bind.annotation.RequestMethod.GET,
                org.springframework.web.bind.annotation.RequestMethod.POST
            })
    String unsubscribe(@PathVariable String id, @RequestParam(required = false) String token) {
        Subscription subscription = signed(LinkSigner.Purpose.UNSUBSCRIBE, id, token);
        if (subscription.status() != Subscription.Status.UNSUBSCRIBED) {
            subscriptions.append(id, new SubscriptionChange.Unsubscribed("link", clock.instant()), "public");
        }
        return page("Unsubscribed", "You will not receive further notifications.", "");
    }

    private Subscription signed(LinkSigner.Purpose purpose, String id, String token) {
        verified(purpose, id, token);
        return known(id);
    }

    private void verified(LinkSigner.Purpose purpose, String id, String token) {
        if (token == null || token.isBlank()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "token", "token is required: use the link as sent");
        }
        if (!links.verify(purpose, id, token)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "token", "token does not match this subscription");
        }
    }

    private Subscription known(String id) {
        return directory
                .find(id)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "id", "no subscription " + id));
    }

    private static boolean isAdmin(Authentication caller) {
        return caller != null
                && caller.getAuthorities().stream()
                        .anyMatch(authority -> "ROLE_admin".equals(authority.getAuthority()));
    }

    private static Channel channel(String value) {
        if (value == null) {
            throw ProblemException.invalid("channel", "is required: email, webhook or slack");
        }
        for (Channel channel : Channel.values()) {
            if (channel.wireName().equals(value)) {
                return channel;
            }
        }
        throw ProblemException.invalid("channel", "must be email, webhook or slack");
    }

    private String target(Channel channel, String target) {
        if (target == null || target.isBlank()) {
            throw ProblemException.invalid("target", "is required");
        }
        if (target.length() > MAX_TARGET_LENGTH) {
            throw ProblemException.invalid("target", "must not exceed " + MAX_TARGET_LENGTH + " characters");
        }
        if (channel == Channel.EMAIL) {
            if (!EMAIL.matcher(target).matches() || target.length() > 254 || !mailable(target)) {
                throw ProblemException.invalid("target", "must be an email address");
            }
            return target;
        }
        targets.refusal(target).ifPresent(reason -> {
            throw ProblemException.invalid("target", reason);
        });
        return target;
    }

    /**
     * Whether the mail library will address a message to it: checked before the subscription is
     * appended, or an address the pattern lets through ({@code a@b?c.com}) would be stored and then
     * answered 502 when its confirmation cannot be addressed.
     */
    private static boolean mailable(String address) {
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

    private static Set<String> components(List<String> components) {
        if (components == null) {
            return Set.of();
        }
        if (components.size() > MAX_COMPONENTS) {
            throw ProblemException.invalid("components", "must not list more than " + MAX_COMPONENTS + " ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < components.size(); i++) {
            String id = components.get(i);
            if (id == null || !COMPONENT_ID.matcher(id).matches()) {
                throw ProblemException.invalid("components[" + i + "]", "must be a component id such as web-app");
            }
            ids.add(id);
        }
        return ids;
    }

    private static Impact minImpact(String value) {
        if (value == null) {
            return Impact.NONE;
        }
        return Impact.find(value)
                .filter(impact -> impact != Impact.MAINTENANCE)
                .orElseThrow(() -> ProblemException.invalid("minImpact", "must be none, minor, major or critical"));
    }

    /** Never the secret; for webhook and Slack only scheme and host, as the path may be a credential. */
    static Map<String, Object> view(Subscription subscription) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", subscription.id());
        view.put("channel", subscription.channel().wireName());
        view.put(
                "target",
                subscription.channel() == Channel.EMAIL ? subscription.target() : maskedUrl(subscription.target()));
        view.put("components", subscription.components().stream().sorted().toList());
        view.put("minImpact", subscription.minImpact().wireValue());
        view.put("maintenance", subscription.maintenance());
        view.put("status", subscription.status().name().toLowerCase(Locale.ROOT));
        view.put("createdAt", subscription.createdAt().toString());
        return view;
    }

    static String maskedUrl(String target) {
        URI uri = URI.create(target);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
    }

    /** @param form markup after the message, already escaped */
    private static String page(String title, String message, String form) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>" + HtmlUtils.htmlEscape(title)
                + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(message)
                + "</p>" + form + "</body></html>";
    }
}
