package org.incidentplatform.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The header that says, in one line, why a record was dead-lettered. Spring Kafka's own
 * {@code kafka_dlt-exception-message} holds only its wrapper's text ("failed to deserialize");
 * the real reason ("Unknown magic byte 110 ...", "Unknown schema id 999999 ...") is further down
 * the cause chain, otherwise visible only inside the stack trace header.
 */
public final class DeadLetterReason {

    /** UTF-8 text: the messages of the exception's causes below Spring Kafka's wrappers. */
    public static final String HEADER = "dlt-reason";

    static final BiFunction<ConsumerRecord<?, ?>, Exception, Headers> HEADERS =
            (record, exception) -> new RecordHeaders().add(HEADER, of(exception).getBytes(StandardCharsets.UTF_8));

    static String of(Throwable exception) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = exception; cause != null && messages.size() < 5; cause = cause.getCause()) {
            boolean wrapper = cause.getClass().getName().startsWith("org.springframework.");
            String message = cause.getMessage();
            // Kafka and registry exceptions often repeat their cause's text; say it once.
            if (!wrapper && message != null && messages.stream().noneMatch(known -> known.contains(message))) {
                messages.add(message);
            }
        }
        return messages.isEmpty() ? String.valueOf(exception.getMessage()) : String.join("; caused by: ", messages);
    }

    private DeadLetterReason() {}
}
