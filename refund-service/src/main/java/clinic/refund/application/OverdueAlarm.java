package clinic.refund.application;

import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.config.BranchCalendars;
import clinic.refund.domain.RefundCommand;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * "Refund promised but never paid": agreements past their due date without full payment raise {@code refund.overdue.v1}
 * (which alerts HQ and, in complaint-service, escalates the complaint). The candidates come from the refund list, so
 * the alarm survives restarts; the decider raises it once per agreement and a concurrent alarm loses on the stream
 * version, so two instances never raise it twice. Paying later settles the refund and clears it.
 */
@ApplicationScoped
public class OverdueAlarm {

    private static final Logger LOG = Logger.getLogger(OverdueAlarm.class);

    private final RefundService refunds;
    private final EntityManager em;
    private final Clock clock;
    private final BranchCalendars calendars;

    public OverdueAlarm(RefundService refunds, EntityManager em, Clock clock, BranchCalendars calendars) {
        this.refunds = refunds;
        this.em = em;
        this.clock = clock;
        this.calendars = calendars;
    }

    @Scheduled(every = "${refund.overdue.check-every:60s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void check() {
        Instant now = clock.instant();
        // candidates by the latest "today" anywhere; the decider checks each case against its branch's own today
        for (UUID id : overdueCandidates(LocalDate.ofInstant(now, java.time.ZoneOffset.MAX))) {
            // each refund's look a span of its own: its log lines carry its case's correlation, no other's
            try (var span = clinic.eventstore.observe.Tracing.begin(null, null)) {
                var view = refunds.step(id, null, now, clinic.eventstore.security.BranchGuard.ANY_BRANCH, state -> new RefundCommand.CheckOverdue(
                                LocalDate.ofInstant(now, calendars.of(state.branchId()).zone()), now),
                        state -> new EventMetadata(state.branchId(), "overdue-alarm", UUID.randomUUID(), null));
                if (view.refund().overdue()) {
                    var r = view.refund();
                    // HQ's alert: this line, refund.overdue.v1 on refund-events, the complaint escalated to HQ, and
                    // GET /refunds?overdue=true. No personal data: ids, branch and amounts only.
                    LOG.warnf("HQ alert: refund %s (complaint %s, branch %s) unpaid past its due date %s: %d of %d %s paid",
                            r.id(), r.complaintId(), r.branchId(), r.agreement().dueDate(), r.paidMinor(),
                            r.agreement().amount().minorUnits(), r.agreement().amount().currency());
                }
            } catch (ConcurrencyConflict raced) {
                LOG.debugf("refund %s changed while the alarm looked; it will look again", id);
            } catch (RuntimeException e) {
                LOG.warnf("overdue check of refund %s failed, will retry: %s", id, e.toString());
            }
        }
    }

    @SuppressWarnings("unchecked")
    @Transactional
    List<UUID> overdueCandidates(LocalDate today) {
        return em.createNativeQuery("""
                        select id from refund_cases
                         where status in ('AGREED', 'SETTLING') and not overdue and due_date < ?1
                         order by due_date limit 500""", UUID.class)
                .setParameter(1, today).getResultList();
    }
}
