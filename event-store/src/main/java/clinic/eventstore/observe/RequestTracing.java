package clinic.eventstore.observe;

import clinic.eventstore.api.CommandHeaders;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;

/**
 * Every HTTP request is a span: of the caller's trace when it sends a W3C {@code traceparent} header, of a new trace
 * otherwise. Its trace id is in every log line the request writes and in every event it appends, and the answer's
 * {@code traceresponse} header names it so that a caller can find the request in the logs. The request's
 * {@code X-Correlation-Id}, when it is one, is the log lines' correlation until the case is loaded (the case's own
 * correlation wins: {@code CommandPipeline}).
 */
public class RequestTracing {

    @ServerRequestFilter(preMatching = true)
    public void begin(ContainerRequestContext request) {
        Tracing.begin(request.getHeaderString(Tracing.TRACEPARENT),
                uuidOrNull(request.getHeaderString(CommandHeaders.CORRELATION_ID)));
    }

    @ServerResponseFilter
    public void end(ContainerResponseContext response) {
        String traceparent = Tracing.traceparent();
        if (traceparent != null) {
            response.getHeaders().putSingle("traceresponse", traceparent);
        }
    }

    private static UUID uuidOrNull(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
