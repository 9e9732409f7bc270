package clinic.eventstore.api;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;

import java.util.UUID;

/**
 * The headers every command endpoint reads ({@code @BeanParam}): who acts, the conversation the request belongs to,
 * and the version of the case the caller last saw.
 */
public class CommandHeaders {

    public static final String IF_MATCH = "If-Match";
    public static final String ACTOR = "X-Actor";
    public static final String CORRELATION_ID = "X-Correlation-Id";

    @HeaderParam(IF_MATCH)
    public String ifMatch;

    @HeaderParam(ACTOR)
    @Size(max = 100)
    public String actor;

    @HeaderParam(CORRELATION_ID)
    public String correlationId;

    /** Who acts; {@code api} when the caller does not say. */
    public String actorOrDefault() {
        return actor == null || actor.isBlank() ? "api" : actor;
    }

    /** The conversation the request belongs to; a new one when the caller does not name it. */
    public UUID correlation() {
        return correlationId == null ? UUID.randomUUID() : InvalidField.uuid(CORRELATION_ID, correlationId);
    }

    /** The version in {@code If-Match} ({@code "3"}, {@code W/"3"} or {@code 3}), or null when absent. */
    public Long expectedVersion() {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw new InvalidField(IF_MATCH, "must be the case's version, e.g. \"3\"");
        }
    }
}
