package org.incidentplatform.service;

import java.util.List;
import java.util.stream.Stream;
import org.incidentplatform.schemas.TopicSpec;

/**
 * The topics a service depends on. It creates the ones it owns when they are missing (one writer,
 * one creator per topic) and only checks the ones it requires, waiting for their owner to create
 * them. Each service declares exactly one of these as a bean.
 */
public record ServiceTopics(List<TopicSpec<?, ?>> owned, List<TopicSpec<?, ?>> required) {

    public ServiceTopics {
        owned = List.copyOf(owned);
        required = List.copyOf(required);
        List<String> names = Stream.concat(owned.stream(), required.stream())
                .map(TopicSpec::name)
                .toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("a topic is declared twice: " + names);
        }
    }

    public static ServiceTopics owns(TopicSpec<?, ?>... topics) {
        return new ServiceTopics(List.of(topics), List.of());
    }

    public static ServiceTopics requires(TopicSpec<?, ?>... topics) {
        return new ServiceTopics(List.of(), List.of(topics));
    }

    public ServiceTopics andRequires(TopicSpec<?, ?>... topics) {
        return new ServiceTopics(
                owned, Stream.concat(required.stream(), Stream.of(topics)).toList());
    }

    Stream<TopicSpec<?, ?>> all() {
        return Stream.concat(owned.stream(), required.stream());
    }
}
