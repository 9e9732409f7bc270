package clinic.followup.application;

import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.followup.domain.FollowUpCommand;
import clinic.followup.domain.FollowUpDecider;
import clinic.followup.domain.FollowUpEvent;
import clinic.followup.domain.FollowUpTask;
import clinic.followup.projection.FollowUpTasksProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The one entry point that changes follow-up tasks: load, decide, append, project, in one transaction. */
@ApplicationScoped
public class FollowUpService {

    private final EventSourcedRepository<FollowUpCommand, FollowUpEvent, FollowUpTask> tasks;
    private final FollowUpTasksProjection projection;
    private final EventTypeRegistry<FollowUpEvent> types;

    public FollowUpService(EventStore store, EventTypeRegistry<FollowUpEvent> types, FollowUpTasksProjection projection) {
        this.tasks = new EventSourcedRepository<>(store, types,
                new Decider<>(FollowUpDecider::decide, FollowUpDecider::evolve, FollowUpTask.NONE));
        this.projection = projection;
        this.types = types;
    }

    /** Schedules a task; false when it is scheduled already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean schedule(FollowUpCommand.ScheduleFollowUp command, EventMetadata metadata) {
        try {
            var result = tasks.create(command.taskId().toString(), command, metadata, command.at());
            result.events().forEach(e -> projection.apply(types.fromStored(e), e));
            return true;
        } catch (ConcurrencyConflict alreadyScheduled) {
            return false;
        }
    }
}
