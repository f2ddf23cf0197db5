package org.incidentplatform.notification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.incidentplatform.service.web.BodySizeLimit;
import org.incidentplatform.service.web.BodyTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.ModelAndView;

class BodySizeLimitTests {

    private final AtomicReference<Exception> answered = new AtomicReference<>();
    private final BodySizeLimit limit =
            new BodySizeLimit(JsonLimits.MAX_BODY_BYTES, (request, response, handler, ex) -> {
                answered.set(ex);
                return new ModelAndView();
            });

    @Test
    void bodyDeclaredTooLarge_isRefusedWith413_unread() throws Exception {
        MockHttpServletRequest request = post(new byte[JsonLimits.MAX_BODY_BYTES + 1]);
        AtomicReference<ServletRequest> passed = new AtomicReference<>();

        limit.doFilter(request, new MockHttpServletResponse(), (req, res) -> passed.set(req));

        assertThat(passed).hasNullValue();
        assertThat(answered.get())
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        problem -> assertThat(problem.getStatusCode().value()).isEqualTo(413));
    }

    @Test
    void chunkedBodyOverTheLimit_failsAsItIsRead_atTheFirstByteTooMany() throws Exception {
        MockHttpServletRequest request = chunked(new byte[10 * JsonLimits.MAX_BODY_BYTES]);

        limit.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            InputStream body = req.getInputStream();
            assertThat(body.readNBytes(JsonLimits.MAX_BODY_BYTES)).hasSize(JsonLimits.MAX_BODY_BYTES);
            assertThatThrownBy(body::read).isInstanceOf(BodyTooLargeException.class);
        });

        assertThat(answered).hasNullValue();
    }

    @Test
    void chunkedBodyOfExactlyTheLimit_isReadWhole() throws Exception {
        MockHttpServletRequest request = chunked(new byte[JsonLimits.MAX_BODY_BYTES]);
        AtomicReference<Integer> read = new AtomicReference<>();

        limit.doFilter(
                request,
                new MockHttpServletResponse(),
                (req, res) -> read.set(req.getInputStream().readAllBytes().length));

        assertThat(read).hasValue(JsonLimits.MAX_BODY_BYTES);
    }

    private static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/subscriptions");
        request.setContent(body);
        return request;
    }

    /** No Content-Length, as with Transfer-Encoding: chunked: only reading tells the size. */
    private static MockHttpServletRequest chunked(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/subscriptions") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public ServletInputStream getInputStream() {
                return new DelegatingServletInputStream(new ByteArrayInputStream(body));
            }
        };
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }
}
