package org.incidentplatform.service.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The last rule of the route table: a request that reaches no handler is let through, so that it gets
 * the 404 or 405 problem it deserves rather than a misleading 401 or 403; a request that would reach a
 * handler the table does not declare is denied, so an endpoint added without a rule stays closed.
 */
final class UnmappedRoutes implements AuthorizationManager<RequestAuthorizationContext> {

    private final ListableBeanFactory beans;
    private volatile List<Route> routes;

    UnmappedRoutes(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        return new AuthorizationDecision(!reachesHandler(context.getRequest()));
    }

    private boolean reachesHandler(HttpServletRequest request) {
        PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
                .pathWithinApplication();
        RequestMethod method = RequestMethod.resolve(request.getMethod());
        if (method == RequestMethod.HEAD) {
            method = RequestMethod.GET;
        }
        for (Route route : routes()) {
            if (route.matches(path, method)) {
                return true;
            }
        }
        return false;
    }

    /** Read once, on first use: by then every handler mapping has registered its handlers. */
    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = new ArrayList<>();
            for (RequestMappingInfoHandlerMapping mapping :
                    beans.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
                for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                    PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
                    known.add(new Route(
                            patterns == null ? null : patterns.getPatterns(),
                            info.getMethodsCondition().getMethods()));
                }
            }
            known = List.copyOf(known);
            routes = known;
        }
        return known;
    }

    /** @param patterns null when the mapping does not use path patterns: it then counts as matching everything */
    private record Route(Set<PathPattern> patterns, Set<RequestMethod> methods) {

        boolean matches(PathContainer path, RequestMethod method) {
            boolean methodMatches = methods.isEmpty() || (method != null && methods.contains(method));
            return methodMatches && (patterns == null || patterns.stream().anyMatch(pattern -> pattern.matches(path)));
        }
    }
}
