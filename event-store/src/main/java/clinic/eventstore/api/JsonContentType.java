package clinic.eventstore.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Arrays;

/**
 * A body sent to an endpoint that reads JSON must say it is JSON: without a {@code Content-Type} the framework would
 * read it as JSON anyway, so a client that forgot the header (or meant a form) is answered 415 rather than guessed at.
 * (A wrong {@code Content-Type} is refused by the framework itself, also with 415.)
 */
public class JsonContentType {

    @ServerRequestFilter
    public Response requireJsonContentType(ContainerRequestContext request, ResourceInfo resource) {
        if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null || !hasBody(request)
                || resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        if (consumes == null || !Arrays.asList(consumes.value()).contains(MediaType.APPLICATION_JSON)) {
            return null;
        }
        return Problem.of(415, "http-415", "this endpoint reads JSON: send Content-Type: application/json",
                "Content-Type", "is required: application/json").toResponse();
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }
}
