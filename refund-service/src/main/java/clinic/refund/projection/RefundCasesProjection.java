package clinic.refund.projection;

import clinic.refund.domain.RefundCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;


/**
 * Keeps {@code refund_cases} equal to the cases' states: written in the transaction that appends a case's events, from
 * the state they produce; rebuilt by the projection runner (RefundService registers it).
 */
@ApplicationScoped
public class RefundCasesProjection {

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(RefundCase c, long version) {
        RefundCaseRow row = RefundCaseRow.findById(c.id(), LockModeType.PESSIMISTIC_WRITE); // a rebuild batch and a step queue here
        if (row != null && row.version > version) {
            return; // a rebuild batch that read the case before its latest step
        }
        if (row == null) {
            row = new RefundCaseRow();
            row.id = c.id();
        }
        row.complaintId = c.complaintId();
        row.branchId = c.branchId();
        row.status = c.status().name();
        row.kind = c.kind().name();
        row.amountPaidMinor = c.amountPaid().minorUnits();
        row.currency = c.amountPaid().currency();
        row.requestedAt = c.requestedAt();
        row.agreedMinor = c.agreement() == null ? null : c.agreement().amount().minorUnits();
        row.dueDate = c.agreement() == null ? null : c.agreement().dueDate();
        row.paidMinor = c.paidMinor();
        row.overdue = c.overdue();
        row.amountMinor = c.amountAtStake().minorUnits();
        row.version = version;
        row.persist();
    }
}
