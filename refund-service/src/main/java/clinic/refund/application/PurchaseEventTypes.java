package clinic.refund.application;

import clinic.eventstore.EventTypeRegistry;
import clinic.refund.domain.purchase.PurchaseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The stable names purchase facts are stored and published (on refund-events) under. */
public final class PurchaseEventTypes {

    public static final String RECORDED = "purchase.recorded.v1";
    public static final String USAGE_RECORDED = "purchase.usage-recorded.v1";

    @Produces
    @ApplicationScoped
    EventTypeRegistry<PurchaseEvent> registry(ObjectMapper mapper) {
        return EventTypeRegistry.<PurchaseEvent>builder()
                .register(RECORDED, PurchaseEvent.PurchaseRecorded.class)
                .register(USAGE_RECORDED, PurchaseEvent.PurchaseUsageRecorded.class)
                .build(mapper);
    }
}
