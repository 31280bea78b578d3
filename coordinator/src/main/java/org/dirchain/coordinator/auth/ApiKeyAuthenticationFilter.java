package org.dirchain.coordinator.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedOrganisation;
import org.dirchain.coordinator.web.ApiProblemException;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Authenticates every {@code /api/*} request by its organisation API key, sent as
 * {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}, and attaches the
 * {@link CallerOrganisation} the key maps to. Refusals go through the MVC exception handler so they
 * are the same {@code application/problem+json} as every other error.
 *
 * <p>A plain servlet filter rather than Spring Security: there is exactly one way in (a key that maps
 * to one organisation) and every authorisation decision is per resource and mostly made by the chain,
 * so a security filter chain would add configuration without adding a check.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    public static final String CALLER_ATTRIBUTE = CallerOrganisation.class.getName();
    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "bearer ";

    private final ApiKeyService keys;
    private final DirectoryIndex index;
    private final HandlerExceptionResolver problems;

    public ApiKeyAuthenticationFilter(ApiKeyService keys, DirectoryIndex index, HandlerExceptionResolver problems) {
        this.keys = keys;
        this.index = index;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CallerOrganisation caller;
        try {
            caller = authenticate(request);
        } catch (ApiProblemException refusal) {
            problems.resolveException(request, response, null, refusal);
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        MDC.put("org", String.valueOf(caller.orgId()));
        MDC.put("apiKey", caller.keyId());
        try {
            chain.doFilter(new AuthenticatedRequest(request, caller), response);
        } finally {
            MDC.remove("org");
            MDC.remove("apiKey");
        }
    }

    private CallerOrganisation authenticate(HttpServletRequest request) {
        String token = presentedToken(request).orElseThrow(() -> ApiProblemException.unauthenticated(
                "send your organisation's API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'"));
        ApiKeyRecord key = keys.authenticate(token).orElseThrow(() -> ApiProblemException.unauthenticated(
                "the API key is not valid: unknown, malformed or revoked"));
        IndexedOrganisation org = index.organisation(key.orgId()).orElseThrow(() -> ApiProblemException.forbidden(
                "organisation " + key.orgId() + " of this API key is not in the directory"));
        if (!org.active()) {
            throw ApiProblemException.forbidden("organisation " + org.id() + " is suspended in the consortium");
        }
        return new CallerOrganisation(org.id(), org.name(), org.roles(), key.keyId());
    }

    private static Optional<String> presentedToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeader(API_KEY_HEADER);
        String bearer = null;
        if (authorization != null) {
            if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
                throw ApiProblemException.unauthenticated("only the Bearer scheme is accepted in Authorization");
            }
            bearer = authorization.substring(BEARER.length()).trim();
        }
        if (bearer != null && apiKey != null && !bearer.equals(apiKey.trim())) {
            throw ApiProblemException.unauthenticated("Authorization and X-Api-Key carry different keys");
        }
        String token = bearer != null ? bearer : apiKey == null ? null : apiKey.trim();
        return token == null || token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** Exposes the caller as the request's {@link Principal} (access logs, {@code request.getUserPrincipal()}). */
    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final CallerOrganisation caller;

        AuthenticatedRequest(HttpServletRequest request, CallerOrganisation caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public String getRemoteUser() {
            return caller.getName();
        }
    }
}
