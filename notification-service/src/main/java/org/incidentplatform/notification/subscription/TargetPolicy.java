package org.incidentplatform.notification.subscription;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhook and Slack deliveries may go. A target must be https and resolve only to public
 * addresses, unless its host is in the operator's allow-list (a host name, or an address range
 * such as {@code 127.0.0.0/8}). Checked when subscribing and again before every send, because a
 * name may resolve elsewhere by then. Otherwise this service could be used to reach the
 * operator's internal network (SSRF).
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
        this.allowedHosts = allowList.stream().filter(entry -> !entry.contains("/"))
                .map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
        this.allowedRanges = allowList.stream().filter(entry -> entry.contains("/")).map(Cidr::parse).toList();
        this.resolver = resolver;
    }

    /** Empty when the target may be used; otherwise why not, fit for a problem detail (no secrets). */
    public Optional<String> refusal(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (Exception e) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry credentials before the host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean hostAllowed = allowedHosts.contains(host);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        boolean allAllowed = hostAllowed || addresses.length > 0 && java.util.Arrays.stream(addresses)
                .allMatch(address -> allowedRanges.stream().anyMatch(range -> range.contains(address)));
        if (allAllowed) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must be https (plain http only for hosts in notification-service.allow-list)");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of("host " + host + " resolves to a private, loopback or link-local address");
            }
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4
            return first == 0 || (first == 100 && (second & 0xc0) == 64) || (first == 192 && second == 0
                    && (bytes[2] & 0xff) == 0) || (first == 198 && (second & 0xfe) == 18) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local; ::ffff:a.b.c.d is caught by Java, which returns an Inet4Address for it
            return (bytes[0] & 0xfe) == 0xfc;
        }
        return false;
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
