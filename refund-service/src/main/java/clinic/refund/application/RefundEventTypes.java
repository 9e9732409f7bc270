package clinic.refund.application;

import clinic.eventstore.EventTypeRegistry;
import clinic.refund.domain.RefundEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The stable names the refund events are stored and published under. */
public final class RefundEventTypes {

    public static final String REQUESTED = "refund.requested.v1";

    @Produces
    @ApplicationScoped
    EventTypeRegistry<RefundEvent> registry(ObjectMapper mapper) {
        return EventTypeRegistry.<RefundEvent>builder()
                .register(REQUESTED, RefundEvent.RefundRequested.class)
                .build(mapper);
    }
}
