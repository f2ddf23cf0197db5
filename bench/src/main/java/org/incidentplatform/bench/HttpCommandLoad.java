package org.incidentplatform.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measured line: C clients each posting single-event updates and waiting for the answer.
 * Client c writes to incidents c, c+C, c+2C, ... in turn, so every partition's processor works and
 * no two clients race on one incident (which would measure conflicts, not the command path).
 */
final class HttpCommandLoad {

    private final IncidentServiceClient service;
    private final List<String> incidents;
    private final int clients;

    HttpCommandLoad(IncidentServiceClient service, List<String> incidents, int clients) {
        this.service = service;
        this.incidents = List.copyOf(incidents);
        this.clients = clients;
    }

    Measurement run(Duration length) {
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Measurement measurement = ClosedLoad.run(clients, length, (client, sequence) -> {
            String incident = incidents.get((int) ((client + sequence * clients) % incidents.size()));
            int status = service.postUpdate(incident, message(client, sequence));
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            return status == 201;
        });
        if (measurement.notAccepted() > 0) {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            System.out.println("    answers by status: " + counts);
        }
        return measurement;
    }

    /** Constant length, so every event, and so the record size the ceilings copy, is the same. */
    static String message(int client, long sequence) {
        return String.format(
                "Bench update %04d-%09d: error rates are back to normal on the edge tier.",
                client, sequence % 1_000_000_000L);
    }
}
