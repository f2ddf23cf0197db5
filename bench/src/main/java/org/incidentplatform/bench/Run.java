package org.incidentplatform.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the sections of one harness run share: the settings, the started stack, the table they add
 * their lines to, the details printed under it, and what one section learns for another.
 */
final class Run {

    final BenchSettings settings;
    final Stack stack;
    final PrintStream out;
    final SummaryTable table = new SummaryTable();
    private final List<String> details = new ArrayList<>();
    /** The command path's median accepted/s, from which the sustainable end-to-end rate is derived. */
    Optional<Double> commandCapacity = Optional.empty();
    /** The size of one update event as the command path wrote it. */
    Optional<RecordShape> shape = Optional.empty();

    Run(BenchSettings settings, Stack stack, PrintStream out) {
        this.settings = settings;
        this.stack = stack;
        this.out = out;
    }

    /** A line of the report's "details" list, under the table. */
    void detail(String section, String text) {
        details.add("**" + section + "**: " + text);
        out.println("  " + section + ": " + text);
    }

    List<String> details() {
        return List.copyOf(details);
    }

    /** Measures how much of the machine went to other processes while {@code section} ran. */
    void accountCpu(String section, CpuAccount account) {
        account.stop().ifPresent(usage -> {
            detail(
                    section,
                    "while measured, " + usage.describe()
                            + (usage.otherCores() > 0.2
                                    ? " — **other processes competed for the cores: the figures are "
                                            + "lower than this machine can do**"
                                    : ""));
        });
    }
}
