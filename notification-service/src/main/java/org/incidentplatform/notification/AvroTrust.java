package org.incidentplatform.notification;

import java.util.Arrays;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.incidentplatform.notification.events.Delivery;
import org.incidentplatform.schemas.serde.AvroDeserializer;

/**
 * Lets Avro instantiate this service's own generated classes, as
 * {@link AvroDeserializer#trustEventClasses()} does for the platform's: Avro refuses classes of
 * packages it was not told to trust.
 */
public final class AvroTrust {

    public static final String PACKAGE = Delivery.class.getPackageName();

    private static final String SERIALIZABLE_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

    static {
        trust();
    }

    public static synchronized void trust() {
        AvroDeserializer.trustEventClasses();
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (!current.isTrusted(Delivery.class)) {
            ClassSecurityPredicate ours = type -> PACKAGE.equals(type.getPackageName());
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, ours));
        }
        try {
            String packages = System.getProperty(SERIALIZABLE_PACKAGES, "");
            if (!Arrays.asList(packages.split(",")).contains(PACKAGE)) {
                System.setProperty(SERIALIZABLE_PACKAGES, packages.isBlank() ? PACKAGE : packages + "," + PACKAGE);
            }
        } catch (SecurityException e) {
            // A security manager forbids it; the predicate above is what counts in this class loader.
        }
    }

    private AvroTrust() {}
}
