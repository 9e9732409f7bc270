package clinic.complaint.application;

import clinic.complaint.domain.ComplaintEvent;
import clinic.eventstore.EventTypeRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The stable names the complaint events are stored and published under. Consumers depend on these strings. */
public final class ComplaintEventTypes {

    public static final String FILED = "complaint.filed.v1";
    public static final String ACKNOWLEDGED = "complaint.acknowledged.v1";

    @Produces
    @ApplicationScoped
    EventTypeRegistry<ComplaintEvent> registry(ObjectMapper mapper) {
        return EventTypeRegistry.<ComplaintEvent>builder()
                .register(FILED, ComplaintEvent.ComplaintFiled.class)
                .register(ACKNOWLEDGED, ComplaintEvent.ComplaintAcknowledged.class)
                .build(mapper);
    }
}
