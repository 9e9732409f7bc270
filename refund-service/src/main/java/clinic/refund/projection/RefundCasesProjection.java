package clinic.refund.projection;

import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StoredEvent;
import clinic.refund.domain.RefundEvent;
import clinic.refund.domain.RefundEvent.RefundRequested;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Folds refund events into {@code refund_cases}, in the transaction that appends them, or all over again. */
@ApplicationScoped
public class RefundCasesProjection {

    private final EventStore store;
    private final EventTypeRegistry<RefundEvent> types;

    public RefundCasesProjection(EventStore store, EventTypeRegistry<RefundEvent> types) {
        this.store = store;
        this.types = types;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(RefundEvent event, StoredEvent stored) {
        switch (event) {
            case RefundRequested e -> {
                RefundCaseRow row = new RefundCaseRow();
                row.id = e.refundId();
                row.complaintId = e.complaintId();
                row.branchId = e.branchId();
                row.status = "REQUESTED";
                row.kind = e.kind().name();
                row.amountPaidMinor = e.amountPaid().minorUnits();
                row.currency = e.amountPaid().currency();
                row.requestedAt = e.requestedAt();
                row.version = stored.version();
                row.persist();
            }
        }
    }

    /** Empties the table and folds every stored event into it again; returns how many events it read. */
    public long rebuild() {
        return QuarkusTransaction.requiringNew().call(() -> {
            RefundCaseRow.deleteAll();
            return store.forEachEvent(e -> apply(types.fromStored(e), e));
        });
    }
}
