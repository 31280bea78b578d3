package org.dirchain.coordinator.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.dirchain.coordinator.auth.ApiKeyAuthenticationFilter;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static {
        // the caller is resolved from the API key, not sent as a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerOrganisation.class);
    }

    @Bean
    OpenAPI dirchainOpenApi() {
        return new OpenAPI()
                .info(new Info().title("dirchain coordinator API").version("v1")
                        .description("Catalogue, access grants and audit of the dirchain directory. Every request "
                                + "acts for the one organisation its API key belongs to; writes are signed with "
                                + "that organisation's chain key. Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Authorization: Bearer <organisation API key>"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(ApiKeyAuthenticationFilter.API_KEY_HEADER)))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
