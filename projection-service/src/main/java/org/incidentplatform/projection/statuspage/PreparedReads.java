package org.incidentplatform.projection.statuspage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.incidentplatform.projection.statuspage.PreparedRead.Answer;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Serves the {@link PreparedRead}s ahead of everything else (ARCHITECTURE.md, Cost and state: public reads cost
 * what a static file costs): a GET or HEAD of one of their paths is answered here from bytes rendered once per
 * version, with the headers the chain would add (CORS, Spring Security's defaults) and 304 when
 * {@code If-None-Match} names the ETag, as Spring answers it. The security chain, the dispatcher, observation and
 * interceptors are skipped, so these reads are counted in {@value #SERVED} rather than in
 * {@code http.server.requests}.
 *
 * <p>Everything else goes through the chain: other paths and methods, a path written any other way (encoded,
 * with parameters), a read waiting for a version ({@code X-Await-Version}), one with a token to check (a wrong
 * one is a 401 there), and any read while there is no answer to give. A query string is ignored, as the
 * handlers ignore it, so a client's cache-busting {@code ?_=123} is served here too.
 */
public final class PreparedReads extends HttpFilter {

    /** The counter of reads answered here, tagged with the path. */
    static final String SERVED = "projection.prepared.reads";

    /** Spring Security's default headers other than its Cache-Control, which every answer here sets itself. */
    private static final List<HeaderWriter> SECURITY_HEADERS = List.of(
            new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(),
            new HstsHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY));

    /** Bodies from this size on are sent as files, as Tomcat's own static files are. */
    static final int SENDFILE_SIZE = 16 * 1024;
    /** Tomcat's request attributes: whether its connector can sendfile, and which part of which file to send. */
    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";

    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private final Map<String, PreparedRead> reads = new HashMap<>();
    private final Map<String, Counter> served = new HashMap<>();
    private final CorsProcessor cors = new DefaultCorsProcessor();
    private final PreparedFiles files;

    PreparedReads(List<PreparedRead> reads, PreparedFiles files, MeterRegistry meters) {
        this.files = files;
        for (PreparedRead read : reads) {
            for (String path : read.paths()) {
                this.reads.put(path, read);
                this.served.put(
                        path,
                        Counter.builder(SERVED)
                                .tag("path", path)
                                .description("Public reads answered from prepared bytes, before the framework")
                                .register(meters));
            }
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PreparedRead read = reads.get(path);
        Answer answer = read != null && servedHere(request) ? read.prepare(path, request, response) : null;
        if (answer == null) {
            chain.doFilter(request, response);
            return;
        }
        served.get(path).increment();
        if (read.cors() != null && !cors.processRequest(read.cors(), request, response)) {
            return;
        }
        for (HeaderWriter header : SECURITY_HEADERS) {
            header.writeHeaders(request, response);
        }
        answer.headers().forEach(response::setHeader);
        response.setHeader(HttpHeaders.ETAG, answer.etag());
        if (new ServletWebRequest(request, response).checkNotModified(answer.etag())) {
            return;
        }
        response.setContentLength(answer.body().length);
        if (!"HEAD".equals(request.getMethod()) && !sentAsFile(request, answer)) {
            response.getOutputStream().write(answer.body());
        }
    }

    /** Hands a large body to Tomcat's sendfile, where its connector offers it; false to write it here. */
    private boolean sentAsFile(HttpServletRequest request, Answer answer) {
        if (answer.body().length < SENDFILE_SIZE || !Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            return false;
        }
        Path file = files.of(answer.etag(), answer.body());
        if (file == null) {
            return false;
        }
        request.setAttribute(SENDFILE_FILENAME, file.toString());
        request.setAttribute(SENDFILE_START, 0L);
        request.setAttribute(SENDFILE_END, (long) answer.body().length);
        return true;
    }

    private static boolean servedHere(HttpServletRequest request) {
        String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method))
                && request.getHeader(ReadYourWrites.AWAIT_VERSION) == null
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
    }
}
