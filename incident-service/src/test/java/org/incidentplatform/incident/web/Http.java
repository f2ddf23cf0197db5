package org.incidentplatform.incident.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.List;
import org.incidentplatform.incident.command.CommandGateway;
import org.incidentplatform.incident.command.CommandOutcome;
import org.incidentplatform.incident.command.CommandRequest;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Requests and gateway answers the web tests share. */
public final class Http {

    private Http() {}

    /** A JSON request with the given bearer token; null sends none. */
    public static MockHttpServletRequestBuilder json(HttpMethod method, String path, String token, String body) {
        MockHttpServletRequestBuilder request = request(method, path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return request;
    }

    /** Every command is accepted at the given version, on the stream it was addressed to. */
    public static void acceptAll(CommandGateway gateway, long version) {
        when(gateway.submit(any()))
                .thenAnswer(call -> new CommandOutcome.Accepted(
                        call.<CommandRequest>getArgument(0).streamId(), version, List.of("event-" + version), false));
    }

    public static void answer(CommandGateway gateway, CommandOutcome outcome) {
        when(gateway.submit(any())).thenReturn(outcome);
    }

    /** The last request the gateway was given. */
    public static CommandRequest submitted(CommandGateway gateway) {
        ArgumentCaptor<CommandRequest> request = ArgumentCaptor.forClass(CommandRequest.class);
        verify(gateway, atLeastOnce()).submit(request.capture());
        return request.getValue();
    }

    /** Every request the gateway was given, in order. */
    public static List<CommandRequest> allSubmitted(CommandGateway gateway) {
        ArgumentCaptor<CommandRequest> request = ArgumentCaptor.forClass(CommandRequest.class);
        verify(gateway, atLeastOnce()).submit(request.capture());
        return request.getAllValues();
    }
}
