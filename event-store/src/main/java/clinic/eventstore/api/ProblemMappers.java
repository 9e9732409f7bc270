package clinic.eventstore.api;

import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.StaleVersion;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the errors every service shares into problem details: a bad request names each field and the reason, a write
 * that lost a race (409) or acted on an old version (412) says the current version. Nothing was changed in any case.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidField(InvalidField e) {
        return Problem.invalid(List.of(new Problem.FieldError(e.field(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.invalid(errors).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        String reason = "'" + e.getValue() + "' is not a valid value";
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            reason = "'" + e.getValue() + "' is not one of " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
        }
        return Problem.invalid(List.of(new Problem.FieldError(path(e), reason))).toResponse();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = path(e);
        return Problem.invalid(List.of(new Problem.FieldError(field.isEmpty() ? "(body)" : field,
                "has the wrong JSON type"))).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return Problem.invalid(List.of(new Problem.FieldError("(body)",
                "is not well-formed JSON: " + e.getOriginalMessage()))).toResponse();
    }

    /**
     * The framework's own refusals (unknown path, wrong method or media type, and a body Jackson could not read,
     * which Quarkus REST wraps in a 400) as problem details too.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof InvalidFormatException f) {
            return invalidFormat(f);
        }
        if (cause instanceof MismatchedInputException m) {
            return mismatchedInput(m);
        }
        if (cause instanceof JsonParseException p) {
            return malformedJson(p);
        }
        if (cause instanceof JsonProcessingException j) {
            return Problem.invalid(List.of(new Problem.FieldError("(body)", "cannot be read: " + j.getOriginalMessage())))
                    .toResponse();
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return new Problem("urn:clinic:problem:http-" + status.getStatusCode(), status.getReasonPhrase(),
                status.getStatusCode(), e.getMessage(), null, null, null, null).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(ConcurrencyConflict e) {
        return Problem.of(Response.Status.CONFLICT, "concurrent-change",
                        "the case changed while this request was handled; read it again and retry")
                .withCurrentVersion(e.actualVersion()).toResponse();
    }

    @ServerExceptionMapper
    public Response stale(StaleVersion e) {
        return Problem.of(Response.Status.PRECONDITION_FAILED, "stale-version",
                        "If-Match names a version that is no longer current")
                .withCurrentVersion(e.currentVersion()).toResponse();
    }

    /** {@code file.request.customer.name} (method, parameter, then the field) becomes {@code customer.name}. */
    private static String field(ConstraintViolation<?> v) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getName() != null) {
                names.add(node.getName());
            }
        }
        String joined = String.join(".", names.subList(Math.min(2, names.size() - 1), names.size()));
        return joined.isEmpty() ? "(body)" : joined;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
