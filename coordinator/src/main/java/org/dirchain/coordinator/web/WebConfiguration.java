package org.dirchain.coordinator.web;

import java.util.List;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.coordinator.CoordinatorProperties;
import org.dirchain.coordinator.auth.ApiKeyAuthenticationFilter;
import org.dirchain.coordinator.auth.ApiKeyRateLimitFilter;
import org.dirchain.coordinator.auth.ApiKeyRateLimiter;
import org.dirchain.coordinator.auth.ApiKeyService;
import org.dirchain.coordinator.auth.CallerArgumentResolver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * API-key authentication on {@code /api/*} only: health, the OpenAPI document and Swagger UI stay
 * open (they describe the API, they do not expose directory data). After it, in this order: the
 * key's rate limit (429), then the request body limit (413), so that an unauthenticated request is
 * a 401 and creates no bucket, and an oversized body still costs its key a token.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {
    static final String API_PATTERN = "/api/*";

    @Bean
    FilterRegistrationBean<ApiKeyAuthenticationFilter> apiKeyAuthentication(ApiKeyService keys, DirectoryIndex index,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<ApiKeyAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyAuthenticationFilter(keys, index, problems));
        registration.addUrlPatterns(API_PATTERN);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    @Bean
    @ConditionalOnProperty(name = "dirchain.coordinator.rate-limit.enabled", matchIfMissing = true)
    FilterRegistrationBean<ApiKeyRateLimitFilter> apiKeyRateLimit(CoordinatorProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        CoordinatorProperties.RateLimit limit = properties.rateLimit();
        FilterRegistrationBean<ApiKeyRateLimitFilter> registration = new FilterRegistrationBean<>(
                new ApiKeyRateLimitFilter(new ApiKeyRateLimiter(limit.requestsPerSecond(), limit.burst()), problems));
        registration.addUrlPatterns(API_PATTERN);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 110);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(CoordinatorProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), problems));
        registration.addUrlPatterns(API_PATTERN);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 120);
        return registration;
    }

    /**
     * Tomcat answers {@code Expect: 100-continue} when the body is first read rather than at once,
     * so a client that asks (curl does for bodies over 1 MiB) is told 413 before it sends a body
     * that would be refused unread.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnlyWhenTheBodyIsRead() {
        return factory -> factory.addConnectorCustomizers(c -> c.setProperty("continueResponseTiming", "onRead"));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
