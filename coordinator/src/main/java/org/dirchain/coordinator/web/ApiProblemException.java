package org.dirchain.coordinator.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal the coordinator itself decides (not the chain): rendered by {@link ApiExceptionHandler}
 * as an RFC 9457 problem with its own {@code type}.
 */
public class ApiProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties;
    /** Seconds for a {@code Retry-After} header; 0: none. */
    private final long retryAfterSeconds;

    public ApiProblemException(HttpStatus status, String type, String title, String detail,
            Map<String, Object> properties) {
        this(status, type, title, detail, properties, 0);
    }

    private ApiProblemException(HttpStatus status, String type, String title, String detail,
            Map<String, Object> properties, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.properties = Map.copyOf(properties);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiProblemException unauthenticated(String detail) {
        return new ApiProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, "Unauthenticated",
                detail, Map.of());
    }

    public static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail, Map.of());
    }

    public static ApiProblemException notFound(String what, Object id) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                "no " + what + " " + id, Map.of());
    }

    public static ApiProblemException payloadTooLarge(long maxBytes) {
        return new ApiProblemException(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                "Request body too large", "the request body is larger than the " + maxBytes + " bytes accepted",
                Map.of("maxBytes", maxBytes));
    }

    public static ApiProblemException rateLimited(long retryAfterSeconds) {
        return new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too many requests",
                "this API key sent more requests than its rate limit; try again in " + retryAfterSeconds + " s",
                Map.of(), retryAfterSeconds);
    }

    public static ApiProblemException invalid(List<FieldProblem> errors) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("errors", List.copyOf(errors));
        String fields = String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList());
        return new ApiProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                "invalid: " + fields, props);
    }

    public static ApiProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
