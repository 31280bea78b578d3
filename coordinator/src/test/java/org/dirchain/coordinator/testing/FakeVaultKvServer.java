package org.dirchain.coordinator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * <b>A fake, for tests only</b>: a small in-memory imitation of HashiCorp Vault's HTTP API for the
 * KV secrets engine version 2, so {@code VaultSecretStore} can be tested where no Vault server can
 * run. It is <em>not</em> Vault and proves nothing about Vault itself; it implements only what the
 * store uses, following Vault's documented KV v2 API:
 *
 * <ul>
 *   <li>{@code GET /v1/<mount>/data/<path>}: {@code {"data": {"data": {...}, "metadata": {...}}}},
 *       404 {@code {"errors": []}} when absent or when the latest version is deleted;
 *   <li>{@code POST|PUT /v1/<mount>/data/<path>} with {@code {"data": {...}}}: a new version;
 *       200 with the version metadata;
 *   <li>{@code DELETE /v1/<mount>/data/<path>}: soft-deletes the latest version (204);
 *   <li>{@code DELETE /v1/<mount>/metadata/<path>}: removes every version and the metadata (204);
 *   <li>{@code X-Vault-Token} must equal the configured token, else 403
 *       {@code {"errors": ["permission denied"]}}; a configured namespace must arrive as
 *       {@code X-Vault-Namespace}.
 * </ul>
 *
 * Not imitated: policies, leases, check-and-set, version reads, listing, other engines, TLS.
 */
public final class FakeVaultKvServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received, for assertions on what the client sent. */
    public record Request(String method, String path, String token, String namespace, String body) {}

    private record Version(int number, Map<String, String> data, Instant created, boolean deleted) {}

    private final HttpServer server;
    private final String mount;
    private final String token;
    private final String namespace;
    private final Map<String, List<Version>> secrets = new TreeMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int failNextRequestsWith;
    private volatile int failuresLeft;

    private FakeVaultKvServer(String mount, String token, String namespace) throws IOException {
        this.mount = mount;
        this.token = token;
        this.namespace = namespace;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    /** Serves a KV v2 engine mounted at {@code mount} (e.g. {@code secret} or {@code kv/team}). */
    public static FakeVaultKvServer start(String mount, String token, String namespace) {
        try {
            return new FakeVaultKvServer(mount, token, namespace);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Vault server", e);
        }
    }

    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The latest live data of a secret at {@code path} (relative to the mount), as stored. */
    public synchronized Optional<Map<String, String>> stored(String path) {
        return latest(path).map(Version::data);
    }

    public synchronized int versions(String path) {
        return secrets.getOrDefault(path, List.of()).size();
    }

    /** The next {@code count} requests fail with {@code status} (to exercise retries and errors). */
    public void failNext(int count, int status) {
        this.failNextRequestsWith = status;
        this.failuresLeft = count;
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = read(exchange.getRequestBody());
            String method = exchange.getRequestMethod();
            String fullPath = exchange.getRequestURI().getPath();
            requests.add(new Request(method, fullPath, exchange.getRequestHeaders().getFirst("X-Vault-Token"),
                    exchange.getRequestHeaders().getFirst("X-Vault-Namespace"), body));
            if (failuresLeft > 0) {
                failuresLeft--;
                respond(exchange, failNextRequestsWith, errors("injected failure"));
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
                respond(exchange, 403, errors("permission denied"));
                return;
            }
            if (namespace != null && !namespace.equals(exchange.getRequestHeaders().getFirst("X-Vault-Namespace"))) {
                respond(exchange, 403, errors("permission denied"));
                return;
            }
            String prefix = "/v1/" + mount + "/";
            if (!fullPath.startsWith(prefix)) {
                respond(exchange, 404, errors("no handler for route \"" + fullPath.substring(4) + "\""));
                return;
            }
            String rest = fullPath.substring(prefix.length());
            if (rest.startsWith("data/")) {
                data(exchange, method, rest.substring("data/".length()), body);
            } else if (rest.startsWith("metadata/") && method.equals("DELETE")) {
                secrets.remove(rest.substring("metadata/".length()));
                respond(exchange, 204, null);
            } else {
                respond(exchange, 405, errors("unsupported by the fake: " + method + " " + fullPath));
            }
        }
    }

    private void data(HttpExchange exchange, String method, String path, String body) throws IOException {
        switch (method) {
            case "GET" -> {
                Optional<Version> v = latest(path);
                if (v.isEmpty()) {
                    respond(exchange, 404, errors());
                    return;
                }
                ObjectNode inner = JSON.createObjectNode();
                inner.set("data", JSON.valueToTree(v.get().data()));
                inner.set("metadata", metadata(v.get()));
                ObjectNode outer = envelope();
                outer.set("data", inner);
                respond(exchange, 200, outer);
            }
            case "POST", "PUT" -> {
                JsonNode request = JSON.readTree(body);
                JsonNode data = request.path("data");
                if (!data.isObject()) {
                    respond(exchange, 400, errors("no data provided"));
                    return;
                }
                Map<String, String> values = new TreeMap<>();
                data.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
                List<Version> history = secrets.computeIfAbsent(path, k -> new ArrayList<>());
                Version v = new Version(history.size() + 1, values, Instant.now(), false);
                history.add(v);
                ObjectNode outer = envelope();
                outer.set("data", metadata(v));
                respond(exchange, 200, outer);
            }
            case "DELETE" -> {
                List<Version> history = secrets.get(path);
                if (history != null && !history.isEmpty()) {
                    Version last = history.remove(history.size() - 1);
                    history.add(new Version(last.number(), last.data(), last.created(), true));
                }
                respond(exchange, 204, null);
            }
            default -> respond(exchange, 405, errors("method not allowed"));
        }
    }

    private Optional<Version> latest(String path) {
        List<Version> history = secrets.get(path);
        if (history == null || history.isEmpty() || history.get(history.size() - 1).deleted()) {
            return Optional.empty();
        }
        return Optional.of(history.get(history.size() - 1));
    }

    private static ObjectNode metadata(Version v) {
        ObjectNode m = JSON.createObjectNode();
        m.put("created_time", v.created().toString());
        m.put("deletion_time", "");
        m.put("destroyed", false);
        m.put("version", v.number());
        m.putNull("custom_metadata");
        return m;
    }

    private static ObjectNode envelope() {
        ObjectNode o = JSON.createObjectNode();
        o.put("request_id", UUID.randomUUID().toString());
        o.put("lease_id", "");
        o.put("renewable", false);
        o.put("lease_duration", 0);
        o.putNull("wrap_info");
        o.putNull("warnings");
        o.putNull("auth");
        return o;
    }

    private static ObjectNode errors(String... messages) {
        ObjectNode o = JSON.createObjectNode();
        var array = o.putArray("errors");
        for (String m : messages) {
            array.add(m);
        }
        return o;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
