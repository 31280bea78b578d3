package org.dirchain.coordinator.web;

import java.util.List;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.coordinator.auth.ApiKeyAuthenticationFilter;
import org.dirchain.coordinator.auth.ApiKeyService;
import org.dirchain.coordinator.auth.CallerArgumentResolver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * API-key authentication on {@code /api/*} only: health, the OpenAPI document and Swagger UI stay
 * open (they describe the API, they do not expose directory data).
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

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
