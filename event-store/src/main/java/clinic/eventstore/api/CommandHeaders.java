package clinic.eventstore.api;

import jakarta.ws.rs.HeaderParam;

import java.util.UUID;

/**
 * The headers every command endpoint reads ({@code @BeanParam}): the conversation the request belongs to and the
 * version of the case the caller last saw. Who acts is the bearer token's subject ({@code CurrentUser}), never a
 * header: an {@code X-Actor} a client still sends is ignored.
 */
public class CommandHeaders {

    public static final String IF_MATCH = "If-Match";
    public static final String CORRELATION_ID = "X-Correlation-Id";

    @HeaderParam(IF_MATCH)
    public String ifMatch;

    @HeaderParam(CORRELATION_ID)
    public String correlationId;

    /**
     * The correlation a new case begins with: the caller's, or a new one when the caller does not name it. A step on
     * an existing case keeps the case's own, whatever this says ({@code CommandPipeline}).
     */
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
