package clinic.followup.application;

import clinic.eventstore.EventTypeRegistry;
import clinic.followup.domain.FollowUpEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The stable names the follow-up events are stored and published under. */
public final class FollowUpEventTypes {

    public static final String SCHEDULED = "followup.scheduled.v1";

    @Produces
    @ApplicationScoped
    EventTypeRegistry<FollowUpEvent> registry(ObjectMapper mapper) {
        return EventTypeRegistry.<FollowUpEvent>builder()
                .register(SCHEDULED, FollowUpEvent.FollowUpScheduled.class)
                .build(mapper);
    }
}
