package clinic.complaint.projection;

import clinic.complaint.application.ComplaintEventTypes;
import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.ComplaintEvent;
import clinic.complaint.domain.sla.SlaReading;
import clinic.complaint.domain.sla.SlaState;
import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.function.Function;

/**
 * Keeps {@code complaint_list} equal to the cases' states: written in the transaction that appends a case's events,
 * from the state they produce; rebuilt by folding every stream again.
 */
@ApplicationScoped
public class ComplaintListProjection {

    private final EventStore store;

    public ComplaintListProjection(EventStore store) {
        this.store = store;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Complaint c, long version, List<SlaReading> clocks) {
        ComplaintListRow row = ComplaintListRow.findById(c.id());
        if (row == null) {
            row = new ComplaintListRow();
            row.id = c.id();
        }
        row.caseNumber = c.caseNumber();
        row.branchId = c.branchId();
        row.status = c.status().name();
        row.category = c.category().name();
        row.channel = c.channel().name();
        row.severity = c.severity() == null ? null : c.severity().name();
        row.owner = c.owner();
        row.requestedRemedy = c.requestedRemedy().name();
        row.amountPaidMinor = c.amountPaid().minorUnits();
        row.currency = c.amountPaid().currency();
        row.waitingOn = c.waitingOn() == null ? null : c.waitingOn().name();
        row.openEscalations = (int) c.escalations().stream().filter(Complaint.Escalation::open).count();
        row.reopenCount = c.reopenCount();
        row.escalatedExternally = !c.escalations().isEmpty();
        row.escalatedToHq = c.hqEscalation() != null;
        row.filedAt = c.filedAt();
        row.acknowledgedAt = c.acknowledgedAt();
        row.resolvedAt = c.resolvedAt();
        row.closedAt = c.closedAt();
        row.slaState = worst(clocks);
        row.version = version;
        row.persist();
    }

    /** The state of the case's most urgent running clock, or null when none runs. */
    static String worst(List<SlaReading> clocks) {
        return clocks.stream().map(SlaReading::state).filter(SlaState::running)
                .max(java.util.Comparator.comparingInt(ComplaintListProjection::urgency))
                .map(Enum::name).orElse(null);
    }

    private static int urgency(SlaState s) {
        return switch (s) {
            case BREACHED -> 3;
            case AT_RISK -> 2;
            case ON_TRACK -> 1;
            default -> 0;
        };
    }

    /** Empties the list and writes every case again from its stream; returns how many cases. */
    public long rebuild(EventSourcedRepository<?, ComplaintEvent, Complaint> cases, Function<Complaint, List<SlaReading>> clocks) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ComplaintListRow.deleteAll();
            List<String> streams = store.streamIdsStartingWith(ComplaintEventTypes.FILED);
            for (String stream : streams) {
                var loaded = cases.load(stream);
                if (loaded.state().exists()) {
                    update(loaded.state(), loaded.version(), clocks.apply(loaded.state()));
                }
            }
            return (long) streams.size();
        });
    }
}
