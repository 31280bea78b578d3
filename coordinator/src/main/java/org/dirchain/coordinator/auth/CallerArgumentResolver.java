package org.dirchain.coordinator.auth;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands the authenticated {@link CallerOrganisation} to controller methods that declare it. */
public final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CallerOrganisation.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object caller = request.getAttribute(ApiKeyAuthenticationFilter.CALLER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (caller == null) {
            // only reachable if a controller outside /api/* asks for a caller: a wiring mistake
            throw new IllegalStateException("no authenticated caller on " + parameter.getMethod());
        }
        return caller;
    }
}
