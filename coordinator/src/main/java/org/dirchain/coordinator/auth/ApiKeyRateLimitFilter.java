package org.dirchain.coordinator.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.dirchain.coordinator.web.ApiProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Runs right after {@link ApiKeyAuthenticationFilter}: a request of a key over its rate limit is
 * answered 429 with {@code Retry-After}, before its body is read or anything else is done for it.
 * Requests without a key never get here (401), so they cannot fill the limiter with buckets.
 */
public final class ApiKeyRateLimitFilter extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyRateLimitFilter.class);

    private final ApiKeyRateLimiter limiter;
    private final HandlerExceptionResolver problems;

    public ApiKeyRateLimitFilter(ApiKeyRateLimiter limiter, HandlerExceptionResolver problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(ApiKeyAuthenticationFilter.CALLER_ATTRIBUTE) instanceof CallerOrganisation caller) {
            long retryAfter = limiter.acquire(caller.keyId());
            if (retryAfter > 0) {
                LOG.debug("rate limited apiKey={} retryAfter={}s", caller.keyId(), retryAfter);
                problems.resolveException(request, response, null, ApiProblemException.rateLimited(retryAfter));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
