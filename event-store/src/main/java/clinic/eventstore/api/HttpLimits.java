package clinic.eventstore.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * What the HTTP layer refuses before a resource sees the request, answered as problem details like every other error:
 * a URI longer than {@value #MAX_URI_CHARS} characters (414), headers larger than {@value #MAX_HEADER_BYTES} bytes
 * (431), a declared body larger than the service takes (413), a NUL character in the path, a query parameter or a
 * header (400: PostgreSQL cannot store one). Vert.x's own limits are set higher than these
 * ({@code quarkus.http.limits.*} in event-store's {@code microprofile-config.properties}) so that these checks, not
 * the codec's bodiless answers, meet ordinary oversized requests. A failure the framework leaves without a body (a
 * body that outgrows the limit while it streams, say) gets one here too.
 */
@ApplicationScoped
public class HttpLimits {

    public static final int MAX_URI_CHARS = 8 * 1024;
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    public HttpLimits(ObjectMapper mapper,
                      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        // what the router answers itself, outside the REST layer (POST /q/health, say)
        router.errorHandler(404, ctx -> routerError(ctx, 404));
        router.errorHandler(405, ctx -> routerError(ctx, 405));
    }

    private void routerError(RoutingContext ctx, int status) {
        if (!ctx.response().ended() && !ctx.response().headWritten()) {
            answer(ctx, status, "http-" + status, null, null);
        }
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > MAX_URI_CHARS) {
            answer(ctx, 414, "uri-too-long", "(uri)", "is longer than " + MAX_URI_CHARS + " characters");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
            if (h.getValue().indexOf('\u0000') >= 0) {
                answer(ctx, 400, "invalid-request", h.getKey(), "must not contain a NUL character");
                return;
            }
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            answer(ctx, 431, "headers-too-large", "(headers)", "take " + headerBytes + " bytes; at most "
                    + MAX_HEADER_BYTES + " are read");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && tooLong(length)) {
            answer(ctx, 413, "content-too-large", "(body)", "has " + length + " bytes; this service takes at most "
                    + maxBodyBytes);
            return;
        }
        if (request.path().contains("%00")) {
            answer(ctx, 400, "invalid-request", "(path)", "must not contain a NUL character");
            return;
        }
        try {
            for (Map.Entry<String, String> q : ctx.queryParams()) {
                if (q.getKey().indexOf('\u0000') >= 0 || q.getValue().indexOf('\u0000') >= 0) {
                    answer(ctx, 400, "invalid-request", q.getKey().replace("\u0000", ""), "must not contain a NUL character");
                    return;
                }
            }
        } catch (RuntimeException malformed) { // Vert.x's HttpException(400) for a query it cannot decode
            answer(ctx, 400, "invalid-request", "(query)", "is not a well-formed query string");
            return;
        }
        ctx.next();
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses a malformed Content-Length itself
        }
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        int status = ctx.statusCode();
        if (status == 413) {
            answer(ctx, 413, "content-too-large", "(body)", "is larger than the " + maxBodyBytes
                    + " bytes this service takes");
        } else if (status >= 400 && status < 500) {
            answer(ctx, status, "http-" + status, null, null);
        } else {
            ctx.next(); // an exception: the REST layer's mappers and Quarkus's error handler own it
        }
    }

    private void answer(RoutingContext ctx, int status, String type, String field, String reason) {
        Problem problem = Problem.of(status, type, field == null ? "HTTP " + status : field + " " + reason, field, reason);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (status == 413 || status == 431 || status == 414) {
            ctx.response().putHeader("Connection", "close");
        }
        ctx.response().end(body);
    }
}
