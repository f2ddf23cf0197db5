package org.incidentplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one fault case did and what held, written to {@code target/reliability/<case>.md} only
 * after its assertions passed, so the report never claims what the run did not check. RELIABILITY.md
 * is assembled from these files.
 */
final class FaultReport {

    private final String name;
    private final String fault;
    private final List<String> figures = new ArrayList<>();
    private final List<String> held = new ArrayList<>();

    private FaultReport(String name, String fault) {
        this.name = name;
        this.fault = fault;
    }

    /** {@code name} is the file name; {@code fault} says in one sentence what was done to the system. */
    static FaultReport of(String name, String fault) {
        return new FaultReport(name, fault);
    }

    /** A measured count or time, e.g. {@code figure("POSTs answered 201", 1234)}. */
    FaultReport figure(String what, Object value) {
        figures.add(what + ": " + value);
        return this;
    }

    /** A property the case asserted, in words, e.g. "every 201 is in the log exactly once". */
    FaultReport held(String property) {
        held.add(property);
        return this;
    }

    /** Call after the last assertion. */
    void write() {
        StringBuilder text = new StringBuilder("### ")
                .append(name)
                .append("\n\n")
                .append(fault)
                .append("\n\n");
        if (!figures.isEmpty()) {
            text.append("Measured:\n\n");
            figures.forEach(figure -> text.append("- ").append(figure).append('\n'));
            text.append('\n');
        }
        text.append("Held (asserted):\n\n");
        held.forEach(property -> text.append("- ").append(property).append('\n'));
        try {
            Path dir = Files.createDirectories(Path.of("target", "reliability"));
            Files.writeString(dir.resolve(name + ".md"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
