package org.incidentplatform.local.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses loopback ports for servers that are told their port before they bind it (a Kafka
 * broker's two listeners, the services the local stack starts as processes).
 *
 * <p>Asking the kernel for port 0 and closing the socket again, as this project once did, can
 * hand the same port out twice: the kernel reuses a just-closed ephemeral port for the next
 * request, or for an outgoing connection, before the server has bound it. So this class never
 * hands out a port twice in one JVM, and takes ports only from below the kernel's ephemeral
 * range ({@code /proc/sys/net/ipv4/ip_local_port_range}), where neither port-0 binds nor
 * outgoing connections ever land. A random starting point keeps two JVMs on one machine apart,
 * and each candidate is bound once to check that nobody else holds it.
 */
public final class LoopbackPorts {

    private static final int LOWEST = 10_000;
    private static final int FIRST_EPHEMERAL = firstEphemeralPort();
    private static final Set<Integer> handedOut = new HashSet<>();
    private static int next = LOWEST + ThreadLocalRandom.current().nextInt(FIRST_EPHEMERAL - LOWEST);

    private LoopbackPorts() {}

    /** A loopback port that is free now, that this JVM has not handed out before, and that no port-0 bind can take. */
    public static synchronized int next() {
        int range = FIRST_EPHEMERAL - LOWEST;
        for (int tried = 0; tried < range; tried++) {
            int candidate = LOWEST + Math.floorMod(next++ - LOWEST, range);
            if (!handedOut.contains(candidate) && free(candidate)) {
                handedOut.add(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("no free loopback port left in " + LOWEST + "-" + (FIRST_EPHEMERAL - 1));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The kernel's first ephemeral port; 32768 (Linux's default) where it cannot be read or leaves too little room. */
    static int firstEphemeralPort() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim();
            int first = Integer.parseInt(range.split("\\s+")[0]);
            return first >= LOWEST + 1_000 ? first : 32_768;
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }
}
