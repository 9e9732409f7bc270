package clinic.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for one of the services (or the identity provider): a JDK HTTP server on a free port answering canned
 * responses by method and path, and keeping every request it got.
 */
final class FakeService implements AutoCloseable {

    record Request(String method, String path, String query, String authorization, String accept, String contentType,
                   String body) {
    }

    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    FakeService on(String method, String path, Responder responder) {
        routes.put(method + " " + path, responder);
        return this;
    }

    FakeService on(String method, String path, int status, String contentType, String body) {
        return on(method, path, exchange -> send(exchange, status, contentType, body));
    }

    FakeService json(String method, String path, String body) {
        return on(method, path, 200, "application/json", body);
    }

    Request last() {
        return requests.getLast();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Streams {@code lines} as NDJSON, one at a time with a pause between them, then ends the response. */
    static Responder ndjson(long pauseMillis, String... lines) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String line : lines) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(pauseMillis);
                }
            }
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers.getFirst("Authorization"), headers.getFirst("Accept"),
                headers.getFirst("Content-Type"), body));
        Responder responder = routes.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        try {
            if (responder == null) {
                send(exchange, 404, "application/problem+json",
                        "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no route in the fake\"}");
            } else {
                responder.respond(exchange);
            }
        } catch (Exception e) {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
