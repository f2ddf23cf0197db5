package org.incidentplatform.notification.channel;

import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook body rendered once for every subscriber of an event, with the one part that is each
 * subscriber's own, {@code meta.unsubscribe}, left open: filling it in is two string joins, not a render.
 *
 * @param head the JSON up to the unsubscribe value
 * @param tail the JSON after it
 */
record BodyTemplate(String head, String tail) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Every Statuspage body starts so: meta first, its unsubscribe first, rendered as null. */
    private static final String HEAD = "{\"meta\":{\"unsubscribe\":";

    private static final String OPEN = "null";

    /** @param json a rendered body whose first member is {@code meta} and meta's first is a null {@code unsubscribe} */
    static BodyTemplate of(String json) {
        if (!json.startsWith(HEAD + OPEN)) {
            throw new IllegalArgumentException("the body does not start with a null meta.unsubscribe");
        }
        return new BodyTemplate(HEAD, json.substring(HEAD.length() + OPEN.length()));
    }

    String forSubscriber(String unsubscribeUrl) {
        return head + JSON.writeValueAsString(unsubscribeUrl) + tail;
    }
}
