package clinic.complaint.projection;

import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.sla.SlaReading;
import clinic.complaint.domain.sla.SlaState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Keeps {@code complaint_list} equal to the cases' states: written in the transaction that appends a case's events,
 * from the state they produce; rebuilt by the projection runner (ComplaintService registers it).
 */
@ApplicationScoped
public class ComplaintListProjection {

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Complaint c, long version, List<SlaReading> clocks) {
        ComplaintListRow row = ComplaintListRow.findById(c.id(), LockModeType.PESSIMISTIC_WRITE); // a rebuild batch and a step queue here
        if (row != null && row.version > version) {
            return; // a rebuild batch that read the case before its latest step
        }
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
}
