package org.incidentplatform.notification.web;

import org.incidentplatform.service.web.BodySizeLimit;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactoryBuilder;

/**
 * What the JSON reader of request bodies accepts at most, far above any valid subscription: beyond it
 * the reader stops before building the value, and the answer is 413. Behind {@link BodySizeLimit},
 * these keep a body within the byte limit from costing more than its bytes (a deep nesting, a huge number).
 */
final class JsonLimits implements JsonFactoryBuilderCustomizer {

    /** Far above any subscription (a 2,048-character target and 200 component ids fit); {@link BodySizeLimit}'s too. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    static final int MAX_STRING_LENGTH = 4096;
    static final int MAX_NUMBER_LENGTH = 32;
    static final int MAX_NESTING_DEPTH = 16;

    static final String DETAIL = "the body exceeds a limit: at most " + MAX_BODY_BYTES + " bytes, strings of "
            + MAX_STRING_LENGTH + " characters, numbers of " + MAX_NUMBER_LENGTH + " digits, " + MAX_NESTING_DEPTH
            + " levels of nesting";

    @Override
    public void customize(JsonFactoryBuilder factory) {
        factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(MAX_BODY_BYTES)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
    }
}
