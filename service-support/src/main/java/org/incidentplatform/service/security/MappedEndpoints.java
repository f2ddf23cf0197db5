package org.incidentplatform.service.security;

import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint a running service maps, as {@code "METHOD /pattern"}, read from its handler mappings (the
 * actuator's included), not from a list kept by hand: what the authorization matrices of the services
 * compare their tables with. A mapping without a method counts as GET.
 */
public final class MappedEndpoints {

    private MappedEndpoints() {}

    public static SortedSet<String> of(Collection<RequestMappingInfoHandlerMapping> mappings) {
        SortedSet<String> mapped = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    (methods.isEmpty() ? Set.of(RequestMethod.GET) : methods)
                            .forEach(method -> mapped.add(method + " " + pattern));
                }
            }
        }
        return mapped;
    }
}
