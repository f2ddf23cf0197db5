package org.incidentplatform.notification.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestLimitsTests {

    private final RequestLimits limits = new RequestLimits(2, 1);

    @Test
    void clientBeyondItsBurst_gets429WithRetryAfter_othersAreServed() throws Exception {
        assertThat(call("198.51.100.7").getStatus()).isEqualTo(200);
        assertThat(call("198.51.100.7").getStatus()).isEqualTo(200);

        MockHttpServletResponse limited = call("198.51.100.7");

        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isEqualTo("60");
        assertThat(limited.getContentType()).isEqualTo("application/problem+json");
        assertThat(call("203.0.113.9").getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse call(String client) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/subscriptions");
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        limits.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
