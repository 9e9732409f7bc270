package clinic.complaint.application;

import clinic.eventstore.ConcurrencyConflict;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * Raises SLA warnings, and the at-risk and missed warnings of external escalations' deadlines, on time. Every {@code complaint.sla.check-every} it takes the cases whose next check has come
 * (the {@code sla_schedule} table, so nothing is forgotten across restarts) and checks each. Several instances may run:
 * a case is checked under an advisory lock, the decider raises each warning once, and a concurrent append loses on the
 * stream version, so a warning is never raised twice.
 */
@ApplicationScoped
public class SlaScheduler {

    private static final Logger LOG = Logger.getLogger(SlaScheduler.class);
    private static final int BATCH = 200;

    private final SlaSchedule schedule;
    private final ComplaintService complaints;
    private final Clock clock;

    public SlaScheduler(SlaSchedule schedule, ComplaintService complaints, Clock clock) {
        this.schedule = schedule;
        this.complaints = complaints;
        this.clock = clock;
    }

    @Scheduled(every = "${complaint.sla.check-every:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkDueCases() {
        for (UUID id : schedule.due(clock.instant(), BATCH)) {
            // each case's look a span of its own: its log lines carry its correlation, no other case's
            try (var span = clinic.eventstore.observe.Tracing.begin(null, null)) {
                complaints.checkSla(id);
            } catch (ConcurrencyConflict raced) {
                LOG.debugf("case %s changed while its SLA was checked; the change rescheduled it", id);
            } catch (RuntimeException e) {
                LOG.warnf("SLA check of case %s failed, will retry: %s", id, e.toString());
            }
        }
    }
}
