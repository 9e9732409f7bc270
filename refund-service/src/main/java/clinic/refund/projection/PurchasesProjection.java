package clinic.refund.projection;

import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.refund.application.PurchaseEventTypes;
import clinic.refund.domain.purchase.Purchase;
import clinic.refund.domain.purchase.PurchaseEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Keeps {@code purchases} equal to the orders' states, in the transaction that appends their facts; rebuildable. */
@ApplicationScoped
public class PurchasesProjection {

    private final EventStore store;

    public PurchasesProjection(EventStore store) {
        this.store = store;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Purchase p, long version) {
        PurchaseRow row = PurchaseRow.findById(p.id());
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

    public long rebuild(EventSourcedRepository<?, PurchaseEvent, Purchase> purchases) {
        return QuarkusTransaction.requiringNew().call(() -> {
            PurchaseRow.deleteAll();
            List<String> streams = store.streamIdsStartingWith(PurchaseEventTypes.RECORDED);
            for (String stream : streams) {
                var loaded = purchases.load(stream);
                update(loaded.state(), loaded.version());
            }
            return (long) streams.size();
        });
    }
}
