package clinic.eventstore.api;

import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.EventTooLarge;
import clinic.eventstore.StaleVersion;
import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;
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
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

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

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
        String reason = e instanceof StrictJson.RefusedValue ? e.getOriginalMessage() : reason(e.getTargetType(), e.getValue());
        return Problem.invalid(List.of(new Problem.FieldError(fieldOf(e), reason))).toResponse();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Trailing token")) {
            return Problem.invalid(List.of(new Problem.FieldError("(body)", "has content after the JSON document")))
                    .toResponse();
        }
        return Problem.invalid(List.of(new Problem.FieldError(fieldOf(e), reason(e.getTargetType(), null)))).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return Problem.invalid(List.of(new Problem.FieldError("(body)",
                "is not well-formed JSON: " + e.getOriginalMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return Problem.of(Response.Status.NOT_FOUND, e.type(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response eventTooLarge(EventTooLarge e) {
        return Problem.of(413, "event-too-large", e.getMessage(), "(body)", "makes an event of " + e.recordBytes()
                + " bytes; at most " + e.limitBytes() + " can be published").toResponse();
    }

    /**
     * The last resort: an error nobody foresaw is a 500 problem with an error id, logged once under that id with the
     * exception's classes and frames but not its messages, which may quote personal data from the request.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof WebApplicationException w) {
            return webApplication(w);
        }
        if (Arrays.stream(e.getStackTrace()).limit(8).anyMatch(f -> f.getClassName().contains("FormEncodedDataParser")
                || f.getClassName().endsWith("URLUtils"))) {
            return Problem.invalid(List.of(new Problem.FieldError("(body)", "is not well-formed form data")))
                    .toResponse();
        }
        if (e instanceof java.io.IOException) {
            if ("Request too large".equals(e.getMessage())) {
                // a chunked body that outgrew the limit while it streamed: the REST layer has answered 413 already
                return Problem.of(413, "content-too-large", "the body is larger than this service takes", null, null)
                        .toResponse();
            }
            // the client went away mid-request (or sent a body that cannot be read): nothing of ours failed
            LOG.debugf("request body unreadable: %s", e.getClass().getName());
            return Problem.invalid(List.of(new Problem.FieldError("(body)", "could not be read"))).toResponse();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf("unexpected error %s: %s", errorId, withoutMessages(e));
        return Problem.of(500, "internal-error", "the service failed to handle this request; nothing was changed. "
                + "Error id " + errorId + " names it in the service's log", null, null).toResponse();
    }

    /** The exception chain as class names and stack frames: enough to find the fault, nothing of the data. */
    static String withoutMessages(Throwable e) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 8; t = t.getCause(), depth++) {
            out.append(depth == 0 ? "" : "\n caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                out.append("\n    at ").append(frames[i]);
            }
        }
        return out.toString();
    }

    /** What a value of {@code target} must look like, in the caller's terms. */
    private static String reason(Class<?> target, Object value) {
        if (target == null) {
            return "has the wrong JSON type";
        }
        if (target.isEnum()) {
            return (value == null ? "must be" : "'" + shortened(value) + "' is not") + " one of "
                    + Arrays.stream(target.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class || target == BigInteger.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class || target == BigDecimal.class) {
            return "must be a number";
        }
        if (target == String.class) {
            return "must be a JSON string";
        }
        if (target == UUID.class) {
            return "must be a UUID";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be a JSON array";
        }
        return value == null ? "has the wrong JSON type" : "'" + shortened(value) + "' is not a valid value";
    }

    private static String shortened(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
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
        int status = e.getResponse().getStatus();
        return Problem.of(status, "http-" + status, e.getMessage(), null, null).toResponse();
    }

    /** Operations asked for a rebuild that another one is already doing: 409, the running one goes on. */
    @ServerExceptionMapper
    public Response rebuildRunning(clinic.eventstore.projection.ProjectionRunner.RebuildAlreadyRunning e) {
        return Problem.of(Response.Status.CONFLICT, "rebuild-running", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(ConcurrencyConflict e) {
        return Problem.of(Response.Status.CONFLICT, "concurrent-change",
                        "the case changed while this request was handled; read it again and retry")
                .withCurrentVersion(e.actualVersion()).toResponse();
    }

    /** Still out of order after the pipeline's tries (heavy contention on one case): 409, the client tries again. */
    @ServerExceptionMapper
    public Response outOfOrder(clinic.eventstore.AppendOutOfOrder e) {
        return Problem.of(Response.Status.CONFLICT, "concurrent-change",
                "the case changed while this request was handled; read it again and retry").toResponse();
    }

    /** A step the aggregate's state does not allow: 409 with the state and the steps it allows. */
    @ServerExceptionMapper
    public Response stepNotAllowed(StepNotAllowed e) {
        return Problem.of(Response.Status.CONFLICT, "step-not-allowed", e.getMessage())
                .withState(e.state().name(), e.allowedSteps()).toResponse();
    }

    /** A step refused for what it asks: 422 naming the field. */
    @ServerExceptionMapper
    public Response ruleBroken(RuleBroken e) {
        return Problem.unprocessable(e.problemType(), e.detail(), e.field(), e.getMessage()).toResponse();
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

    private static String fieldOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "(body)" : path;
    }
}
