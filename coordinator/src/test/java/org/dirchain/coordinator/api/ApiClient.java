package org.dirchain.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The API as a partner's program sees it: plain {@link HttpClient}, JSON text, an API key header.
 * Nothing of the coordinator's own classes is used to build requests or read answers.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, headers of interest, body as text and as JSON. */
    record Response(int status, String contentType, HttpResponse<String> raw, JsonNode json) {
        String problemType() {
            return json.path("type").asText();
        }

        List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }

        long id() {
            return json.path("id").asLong();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final String baseUrl;
    private final List<String> authHeaders;

    private ApiClient(String baseUrl, List<String> authHeaders) {
        this.baseUrl = baseUrl;
        this.authHeaders = authHeaders;
    }

    static ApiClient bearer(int port, String apiKey) {
        return new ApiClient(base(port), List.of("Authorization", "Bearer " + apiKey));
    }

    static ApiClient apiKeyHeader(int port, String apiKey) {
        return new ApiClient(base(port), List.of("X-Api-Key", apiKey));
    }

    static ApiClient withHeader(int port, String name, String value) {
        return new ApiClient(base(port), List.of(name, value));
    }

    static ApiClient anonymous(int port) {
        return new ApiClient(base(port), List.of());
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    /**
     * GETs {@code path} until {@code found} yields a value (the coordinator acts asynchronously:
     * indexing, orchestration, the outbox), backing off from 20 ms to 500 ms; fails after {@code within}.
     */
    <T> T poll(String path, java.util.function.Function<Response, java.util.Optional<T>> found, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        long pause = 20;
        Response last;
        while (true) {
            last = get(path);
            java.util.Optional<T> value = found.apply(last);
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not reach the expected state within " + within + ": " + last);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(pause).toNanos());
            pause = Math.min(pause * 2, 500);
        }
    }

    /** POSTs {@code body}: a String is sent as is (raw JSON), other objects are serialised, null sends none. */
    Response post(String path, Object body) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json");
        return send(body == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** POSTs JSON text of no declared length: the body goes chunked, as a streaming client sends it. */
    Response postChunked(String path, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
    }

    Response postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        for (int i = 0; i < authHeaders.size(); i += 2) {
            b.header(authHeaders.get(i), authHeaders.get(i + 1));
        }
        return b;
    }

    private static Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body() == null || r.body().isBlank() ? MissingNode.getInstance() : parse(r.body());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
