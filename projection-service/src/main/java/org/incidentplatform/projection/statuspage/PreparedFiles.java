package org.incidentplatform.projection.statuspage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepared bodies as files, for Tomcat to send with sendfile: the kernel copies them to the socket, so no
 * request thread copies them through the JVM's buffers and waits for the socket to drain. A body is written
 * once, named by its ETag (equal ETags name equal bytes). Files are kept for two generations of {@value #KEPT}
 * bodies, so a file Tomcat is about to open is never one just deleted; the folder goes when the service stops.
 */
final class PreparedFiles implements AutoCloseable {

    /** More bodies than can be current at once (nine documents, the page while the minute turns). */
    static final int KEPT = 64;

    private static final Logger LOG = LoggerFactory.getLogger(PreparedFiles.class);
    /** What a file may be named: the ETags of this service, quotes aside, are made of these. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path folder;
    private volatile Map<String, Path> current = new ConcurrentHashMap<>();
    private Map<String, Path> previous = Map.of();

    private PreparedFiles(Path folder) {
        this.folder = folder;
    }

    /** A new folder under the system's temporary one. */
    static PreparedFiles inTemporaryFolder() {
        try {
            return new PreparedFiles(Files.createTempDirectory("projection-prepared-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the prepared reads' files", e);
        }
    }

    /** The file holding {@code body}, written now if it is new; null if it cannot be (the bytes are sent then). */
    Path of(String etag, byte[] body) {
        Path file = current.get(etag);
        return file != null ? file : written(etag, body);
    }

    private synchronized Path written(String etag, byte[] body) {
        Path file = current.get(etag);
        if (file != null) {
            return file;
        }
        if (current.size() >= KEPT) {
            Map<String, Path> kept = current;
            previous.values().stream().filter(old -> !kept.containsValue(old)).forEach(PreparedFiles::delete);
            previous = kept;
            current = new ConcurrentHashMap<>();
        }
        file = previous.get(etag);
        String name = etag.replace("\"", "");
        if (file == null && NAME.matcher(name).matches()) {
            try {
                // Written aside and moved in whole: a file Tomcat has open is never rewritten under it.
                file = Files.move(
                        Files.write(folder.resolve(name + ".new"), body),
                        folder.resolve(name),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.warn("Cannot write a prepared read to {}, sending it from memory: {}", folder, e.toString());
            }
        }
        if (file != null) {
            current.put(etag, file);
        }
        return file;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(PreparedFiles::delete);
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", folder, e.toString());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", file, e.toString());
        }
    }
}
