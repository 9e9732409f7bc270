package clinic.eventstore.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads another service's event payload into the consumer's own record of the fields it needs (a tolerant reader:
 * unknown fields are ignored). A payload that is not JSON, or lacks what the record's constructor requires, is a
 * {@link MalformedMessage}.
 */
public final class IncomingPayload {

    private final ObjectMapper mapper;

    public IncomingPayload(ObjectMapper mapper) {
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public <T> T read(IncomingEvent event, Class<T> type) {
        try {
            return mapper.readValue(event.payload(), type);
        } catch (JsonProcessingException e) {
            throw MalformedMessage.unreadable(event.type() + " " + event.id() + ": payload ", e);
        } catch (RuntimeException e) {
            // a record's constructor refusing a value (a required field missing)
            throw new MalformedMessage(event.type() + " " + event.id() + " payload: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null && e.getMessage().length() < 120 ? " " + e.getMessage() : ""));
        }
    }
}
