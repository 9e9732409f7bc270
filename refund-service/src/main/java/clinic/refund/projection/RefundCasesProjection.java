package clinic.refund.projection;

import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.refund.application.RefundEventTypes;
import clinic.refund.domain.RefundCase;
import clinic.refund.domain.RefundEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Keeps {@code refund_cases} equal to the cases' states: written in the transaction that appends a case's events, from
 * the state they produce; rebuilt by folding every stream again.
 */
@ApplicationScoped
public class RefundCasesProjection {

    private final EventStore store;

    public RefundCasesProjection(EventStore store) {
        this.store = store;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(RefundCase c, long version) {
        RefundCaseRow row = RefundCaseRow.findById(c.id());
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

    /** Empties the table and writes every case again from its stream; returns how many streams it read. */
    public long rebuild(EventSourcedRepository<?, RefundEvent, RefundCase> cases) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RefundCaseRow.deleteAll();
            List<String> streams = store.streamIdsStartingWith(RefundEventTypes.REQUESTED);
            for (String stream : streams) {
                var loaded = cases.load(stream);
                if (loaded.state().id() != null) {
                    update(loaded.state(), loaded.version());
                }
            }
            return (long) streams.size();
        });
    }
}
