package org.incidentplatform.notification.subscription;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhook and Slack deliveries may go. A target must be https and resolve only to public
 * addresses, unless its host is in the operator's allow-list (a host name, or an address range
 * such as {@code 127.0.0.0/8}). Checked when subscribing and again before every send, because a
 * name may resolve elsewhere by then; the send then connects to the addresses this check resolved,
 * so a name cannot answer one address to the check and another to the connection (DNS rebinding).
 * Otherwise this service could be used to reach the operator's internal network (SSRF).
 */
public final class TargetPolicy {

    /** Resolves a host name; replaceable so that tests can make a name resolve to a private address. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> allowedHosts;
    private final List<Cidr> allowedRanges;
    private final Resolver resolver;

    public TargetPolicy(List<String> allowList, Resolver resolver) {
        this.allowedHosts = allowList.stream()
                .filter(entry -> !entry.contains("/"))
                .map(entry -> entry.toLowerCase(Locale.ROOT))
                .toList();
        this.allowedRanges = allowList.stream()
                .filter(entry -> entry.contains("/"))
                .map(Cidr::parse)
                .toList();
        this.resolver = resolver;
    }

    /** What the policy says of a target: refused and why, or allowed and at which addresses. */
    public sealed interface Verdict {

        /** Why not, fit for a problem detail: never the URL's path or query, which may hold a secret. */
        record Refused(String reason) implements Verdict {}

        /**
         * @param host      the URL's host, without the brackets of an IPv6 literal
         * @param addresses what the host resolved to, each checked: connect to these, never to a new lookup
         */
        record Allowed(URI uri, String host, List<InetAddress> addresses) implements Verdict {

            public Allowed {
                addresses = List.copyOf(addresses);
            }
        }
    }

    /** Empty when the target may be used; otherwise why not, fit for a problem detail (no secrets). */
    public Optional<String> refusal(String target) {
        return check(target) instanceof Verdict.Refused refused ? Optional.of(refused.reason()) : Optional.empty();
    }

    /** Resolves the host once and checks every address it resolves to. */
    public Verdict check(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (Exception e) {
            return new Verdict.Refused("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return new Verdict.Refused("must be an absolute https URL");
        }
        if (uri.getUserInfo() != null) {
            return new Verdict.Refused("must not carry credentials before the host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean hostAllowed = allowedHosts.contains(host);
        List<InetAddress> addresses;
        try {
            addresses = List.of(resolver.resolve(host));
        } catch (UnknownHostException e) {
            return new Verdict.Refused("host " + host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            return new Verdict.Refused("host " + host + " does not resolve");
        }
        Verdict allowed = new Verdict.Allowed(uri, host, addresses);
        boolean allAllowed = hostAllowed
                || addresses.stream()
                        .allMatch(address -> allowedRanges.stream().anyMatch(range -> range.contains(address)));
        if (allAllowed) {
            return allowed;
        }
        if (!scheme.equals("https")) {
            return new Verdict.Refused("must be https (plain http only for hosts in notification-service.allow-list)");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return new Verdict.Refused("host " + host + " resolves to a private, loopback or link-local address");
            }
        }
        return allowed;
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4
            return first == 0
                    || (first == 100 && (second & 0xc0) == 64)
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    || (first == 198 && (second & 0xfe) == 18)
                    || first >= 240;
        }
        // fc00::/7 unique local; 64:ff9b:1::/48, NAT64 for local use (RFC 8215), wherever the IPv4 sits in it
        if ((bytes[0] & 0xfe) == 0xfc || startsWith(bytes, 0, 0x64, 0xff, 0x9b, 0, 1)) {
            return true;
        }
        InetAddress embedded = embeddedIpv4(bytes);
        return embedded != null && isInternal(embedded);
    }

    /**
     * The IPv4 address an IPv6 address leads to, for the forms that carry one: IPv4-compatible
     * {@code ::a.b.c.d}, IPv4-mapped {@code ::ffff:a.b.c.d} (Java parses that text as IPv4, but a resolver
     * may answer it as IPv6), NAT64 {@code 64:ff9b::a.b.c.d} (RFC 6052) and 6to4 {@code 2002:aabb:ccdd::/48}
     * (RFC 3056). Null for any other address.
     */
    private static InetAddress embeddedIpv4(byte[] ipv6) {
        int from;
        if (startsWith(ipv6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                || startsWith(ipv6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)
                || startsWith(ipv6, 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            from = 12;
        } else if (startsWith(ipv6, 0x20, 0x02)) {
            from = 2;
        } else {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(ipv6, from, from + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            try {
                InetAddress address = InetAddress.getByName(parts[0]);
                int prefix = Integer.parseInt(parts[1]);
                if (prefix < 0 || prefix > address.getAddress().length * 8) {
                    throw new IllegalArgumentException("prefix out of range in " + text);
                }
                return new Cidr(address.getAddress(), prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not an address range: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((candidate[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
