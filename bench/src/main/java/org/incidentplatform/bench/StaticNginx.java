package org.incidentplatform.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx serving fixed bytes as static files from a temporary prefix: the ceiling for a read that
 * answers from memory. One worker per core, access log off, sendfile on.
 */
final class StaticNginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private StaticNginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code root} holds the files; {@code /} is served from {@code index.html}. */
    static StaticNginx start(Path prefix, Path root, int port) throws IOException, InterruptedException {
        Files.createDirectories(prefix.resolve("logs"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes auto;
                error_log logs/error.log warn;
                pid logs/nginx.pid;
                events { worker_connections 1024; }
                http {
                    types { text/html html; application/json json; }
                    default_type application/octet-stream;
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 100000000;
                    client_body_temp_path tmp/body;
                    proxy_temp_path tmp/proxy;
                    fastcgi_temp_path tmp/fastcgi;
                    uwsgi_temp_path tmp/uwsgi;
                    scgi_temp_path tmp/scgi;
                    server {
                        listen 127.0.0.1:%d;
                        root %s;
                        index index.html;
                    }
                }
                """.formatted(port, root.toAbsolutePath()));
        Files.createDirectories(prefix.resolve("tmp"));
        Process process = new ProcessBuilder(
                        "nginx",
                        "-p",
                        prefix.toAbsolutePath() + "/",
                        "-c",
                        conf.toAbsolutePath().toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("logs/stdout.log"))
                        + (Files.exists(prefix.resolve("logs/error.log"))
                                ? Files.readString(prefix.resolve("logs/error.log"))
                                : ""));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new StaticNginx(process, port);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    /** "1.26.3" from {@code nginx -v}, or "" if it cannot be read. */
    static String version() {
        try {
            Process p =
                    new ProcessBuilder("nginx", "-v").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            int slash = v.indexOf('/');
            return slash < 0 ? "" : v.substring(slash + 1).split("\\s")[0];
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
