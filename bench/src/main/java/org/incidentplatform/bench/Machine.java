package org.incidentplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine the figures belong to: cores, memory, CPU, JDK and operating system. */
record Machine(int cores, String memory, String cpu, String jdk, String os) {

    static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                procLine(Path.of("/proc/meminfo"), "MemTotal:")
                        .map(Machine::gibibytes)
                        .orElse("unknown"),
                procLine(Path.of("/proc/cpuinfo"), "model name")
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .orElse(System.getProperty("os.arch")),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + ")",
                procLine(Path.of("/etc/os-release"), "PRETTY_NAME=")
                                .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", "") + ", ")
                                .orElse("")
                        + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    String markdown() {
        return "- cores (`nproc`): " + cores + "\n"
                + "- CPU: " + cpu + "\n"
                + "- memory: " + memory + "\n"
                + "- JDK: " + jdk + "\n"
                + "- OS: " + os + "\n";
    }

    private static String gibibytes(String memTotalLine) {
        String[] parts = memTotalLine.trim().split("\\s+");
        try {
            return String.format("%.1f GiB", Long.parseLong(parts[1]) / (1024.0 * 1024.0));
        } catch (RuntimeException e) {
            return memTotalLine.trim();
        }
    }

    private static Optional<String> procLine(Path file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
