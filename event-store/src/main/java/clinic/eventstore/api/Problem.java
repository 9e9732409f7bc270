package clinic.eventstore.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An HTTP error as RFC 9457 problem details ({@code application/problem+json}), with the members our clients use:
 * the fields at fault and why, the case's current version, and the steps its state allows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        List<FieldError> errors,
        Long currentVersion,
        String currentState,
        List<String> allowedSteps) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field of the request and what is wrong with it. */
    public record FieldError(String field, String reason) {
    }

    public static Problem of(Response.Status status, String type, String detail) {
        return new Problem("urn:clinic:problem:" + type, status.getReasonPhrase(), status.getStatusCode(), detail,
                null, null, null, null);
    }

    /** Any status, naming the field at fault and why when there is one ({@code field} null: none). */
    public static Problem of(int status, String type, String detail, String field, String reason) {
        return new Problem("urn:clinic:problem:" + type, title(status), status, detail,
                field == null ? null : List.of(new FieldError(field, reason)), null, null, null);
    }

    /**
     * 422: a well-formed request that breaks a rule of the domain; names the field when there is one (null: none).
     */
    public static Problem unprocessable(String type, String detail, String field, String reason) {
        return of(422, type, detail, field, reason);
    }

    /** RFC 9110's reason phrase (JAX-RS still has older names for 413 and 422). */
    private static String title(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known == null ? "HTTP " + status : known.getReasonPhrase();
            }
        };
    }

    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().reason()
                : errors.size() + " fields are invalid";
        return new Problem("urn:clinic:problem:invalid-request", "Bad Request", 400, detail, errors, null, null, null);
    }

    public Problem withCurrentVersion(long version) {
        return new Problem(type, title, status, detail, errors, version, currentState, allowedSteps);
    }

    public Problem withState(String state, List<String> steps) {
        return new Problem(type, title, status, detail, errors, currentVersion, state, steps);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
