package org.dirchain.coordinator.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.errors.ChainException;
import org.dirchain.chain.errors.ContractRevertException;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.errors.TransactionFailedException;
import org.dirchain.coordinator.chain.IndexLagException;
import org.dirchain.coordinator.chain.SigningKeyMissingException;
import org.dirchain.coordinator.secrets.SecretStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} answer with a specific
 * {@code type} (see {@link ProblemTypes}): validation problems name their fields, decoded contract
 * refusals carry the error name and its arguments. Internal faults are logged, not described.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ContractErrors contractErrors = ContractErrors.load();

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<Object> apiProblem(ApiProblemException e, NativeWebRequest request) {
        ProblemDetail p = problem(e.status(), e.type(), e.title(), e.getMessage(), request);
        e.properties().forEach(p::setProperty);
        HttpHeaders headers = new HttpHeaders();
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dirchain\"");
        }
        if (e.retryAfterSeconds() > 0) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return ResponseEntity.status(e.status()).headers(headers).body(p);
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException e, NativeWebRequest request) {
        String prefix = e.field() + ": ";
        String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return apiProblem(ApiProblemException.invalid(e.field(), message), request);
    }

    @ExceptionHandler(ContractRevertException.class)
    ResponseEntity<Object> contractRefusal(ContractRevertException e, NativeWebRequest request) {
        HttpStatus status = ContractErrors.status(e.errorName());
        Map<String, Object> args = contractErrors.arguments(e);
        ProblemDetail p = problem(status, ProblemTypes.CONTRACT_PREFIX + e.errorName(),
                "Refused by the directory contract", e.errorName() + "(" + String.join(", ",
                        args.entrySet().stream().map(a -> a.getKey() + "=" + a.getValue()).toList()) + ")", request);
        p.setProperty("error", e.errorName());
        p.setProperty("arguments", args);
        LOG.info("contract refused error={} args={} status={}", e.errorName(), args, status.value());
        return ResponseEntity.status(status).body(p);
    }

    @ExceptionHandler(SigningKeyMissingException.class)
    ResponseEntity<Object> signingKeyMissing(SigningKeyMissingException e, NativeWebRequest request) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, ProblemTypes.SIGNING_KEY_MISSING, "No signing key",
                e.getMessage(), request);
        p.setProperty("orgId", e.orgId());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
    }

    @ExceptionHandler(IndexLagException.class)
    ResponseEntity<Object> indexLagging(IndexLagException e, NativeWebRequest request) {
        ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.INDEX_LAGGING,
                "Written, not yet indexed", e.getMessage(), request);
        p.setProperty("writtenBlock", e.writtenBlock());
        p.setProperty("indexedBlock", e.indexedBlock());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(p);
    }

    @ExceptionHandler(TransactionFailedException.class)
    ResponseEntity<Object> transactionFailed(TransactionFailedException e, NativeWebRequest request) {
        LOG.warn("transaction failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem(HttpStatus.BAD_GATEWAY,
                ProblemTypes.TRANSACTION_FAILED, "Transaction failed", e.getMessage(), request));
    }

    @ExceptionHandler(ChainException.class)
    ResponseEntity<Object> chainUnavailable(ChainException e, NativeWebRequest request) {
        LOG.warn("chain unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.CHAIN_UNAVAILABLE, "Chain unavailable",
                        "the directory chain did not answer; try again shortly", request));
    }

    @ExceptionHandler(SecretStoreException.class)
    ResponseEntity<Object> secretStore(SecretStoreException e, NativeWebRequest request) {
        LOG.error("secret store failed: {}", e.getMessage(), e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.SECRET_STORE_UNAVAILABLE, "Secret store unavailable",
                "the coordinator could not use its secret store", request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> internal(Exception e, NativeWebRequest request) {
        LOG.error("unexpected failure on {}: {}", path(request), e.toString(), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL, "Internal error", "an unexpected error occurred; it has been logged", request));
    }

    // ---- Spring MVC's own exceptions -------------------------------------------------------

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors()
                .forEach(f -> errors.add(new FieldProblem(f.getField(), message(f))));
        e.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.add(new FieldProblem(g.getObjectName(), message(g))));
        return validation(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            if (result instanceof ParameterErrors pe) {
                pe.getFieldErrors().forEach(f -> errors.add(new FieldProblem(f.getField(), message(f))));
                pe.getGlobalErrors().forEach(g -> errors.add(new FieldProblem(parameter, message(g))));
            } else {
                String field = result.getContainerIndex() != null
                        ? parameter + "[" + result.getContainerIndex() + "]" : parameter;
                result.getResolvableErrors().forEach(r -> errors.add(new FieldProblem(field, message(r))));
            }
        });
        return validation(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return validation(List.of(new FieldProblem(field, expected(e.getRequiredType()))), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validation(List.of(new FieldProblem(e.getParameterName(), "is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return validation(List.of(new FieldProblem(jsonPath(m), mappingMessage(m))), request);
        }
        String detail = cause instanceof JsonProcessingException j
                ? "the body is not valid JSON: " + j.getOriginalMessage()
                : "a JSON body is required";
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request", detail,
                request);
        return ResponseEntity.badRequest().body(p);
    }

    /** Every other MVC exception (404 route, 405, 415, 406…): keep its status, give it our type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail p) {
            if (p.getType() == null || URI.create("about:blank").equals(p.getType())) {
                p.setType(URI.create(defaultType(status)));
            }
            p.setInstance(URI.create(path(request)));
        }
        return response;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private ResponseEntity<Object> validation(List<FieldProblem> errors, WebRequest request) {
        List<FieldProblem> ordered = errors.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message)).toList();
        return apiProblem(ApiProblemException.invalid(ordered), (NativeWebRequest) request);
    }

    private static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail,
            WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(type));
        p.setTitle(title);
        p.setInstance(URI.create(path(request)));
        return p;
    }

    private static String defaultType(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ProblemTypes.MALFORMED_REQUEST;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemTypes.NOT_ACCEPTABLE;
            case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
            default -> status.is5xxServerError() ? ProblemTypes.INTERNAL : ProblemTypes.PREFIX + status.value();
        };
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest s ? s.getRequest().getRequestURI() : "/";
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String message(FieldError error) {
        if (error.isBindingFailure()) {
            return "has the wrong type";
        }
        return message((MessageSourceResolvable) error);
    }

    private static String jsonPath(JsonMappingException m) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String mappingMessage(JsonMappingException m) {
        if (m instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (m instanceof InvalidFormatException f) {
            return expected(f.getTargetType());
        }
        if (m instanceof MismatchedInputException mi) {
            return expected(mi.getTargetType());
        }
        return "has the wrong type";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "must be an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "must be a " + type.getSimpleName();
    }
}
