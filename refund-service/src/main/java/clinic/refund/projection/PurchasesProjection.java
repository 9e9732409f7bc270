package clinic.refund.projection;

import clinic.refund.domain.purchase.Purchase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;


/** Keeps {@code purchases} equal to the orders' states, in the transaction that appends their facts; rebuildable. */
@ApplicationScoped
public class PurchasesProjection {

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Purchase p, long version) {
        PurchaseRow row = PurchaseRow.findById(p.id(), LockModeType.PESSIMISTIC_WRITE); // a rebuild batch and a step queue here
        if (row != null && row.version > version) {
            return; // a rebuild batch that read the order before its latest fact
        }
        if (row == null) {
            row = new PurchaseRow();
            row.id = p.id();
        }
        row.branchId = p.branchId();
        row.orderNo = p.orderNo();
        row.customerRef = p.customerRef();
        row.currency = p.currency();
        row.paidMinor = p.paidMinor();
        row.purchasedAt = p.purchasedAt();
        row.version = version;
        row.persist();
    }
}
