package org.incidentplatform.incident.web;

import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.stereotype.Component;

/**
 * Lets a web slice in the configuration classes of the web and security packages, which
 * {@code @WebMvcTest} leaves out, and not the Kafka pipeline's.
 */
public class WebAndSecurityComponents implements TypeFilter {

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
        String name = reader.getClassMetadata().getClassName();
        return (name.startsWith("org.incidentplatform.incident.web.")
                        || name.startsWith("org.incidentplatform.incident.security."))
                && (reader.getAnnotationMetadata().hasAnnotation(Component.class.getName())
                        || reader.getAnnotationMetadata().hasMetaAnnotation(Component.class.getName()));
    }
}
