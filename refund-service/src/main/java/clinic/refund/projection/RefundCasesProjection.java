package clinic.refund.projection;

import clinic.eventstore.projection.VersionedRows;
import clinic.refund.domain.RefundCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

import static clinic.eventstore.projection.VersionedRows.text;

/**
 * Keeps {@code refund_cases} equal to the cases' states: written in the transaction that appends a case's events, from
 * the state they produce; rebuilt by the projection runner (RefundService registers it).
 */
@ApplicationScoped
public class RefundCasesProjection {

    /** The row's columns, the key first. */
    private static final VersionedRows ROWS = new VersionedRows("refund_cases", new String[][]{
            {"id", "uuid"}, {"complaint_id", "uuid"}, {"branch_id", "text"}, {"status", "text"}, {"kind", "text"},
            {"amount_paid_minor", "bigint"}, {"currency", "text"}, {"requested_at", "timestamptz"},
            {"agreed_minor", "bigint"}, {"due_date", "date"}, {"paid_minor", "bigint"}, {"overdue", "boolean"},
            {"amount_minor", "bigint"}, {"version", "bigint"}});

    private final io.agroal.api.AgroalDataSource dataSource;

    public RefundCasesProjection(io.agroal.api.AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes the case's row as of {@code version} in one statement, unless it holds a newer one (a rebuild batch that
     * read the case before its latest step): a rebuild batch and a step queue on the row's lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void update(RefundCase c, long version) {
        ROWS.write(dataSource, List.<String[]>of(new String[]{c.id().toString(), c.complaintId().toString(), c.branchId(),
                c.status().name(), c.kind().name(), Long.toString(c.amountPaid().minorUnits()), c.amountPaid().currency(),
                text(c.requestedAt()), c.agreement() == null ? null : Long.toString(c.agreement().amount().minorUnits()),
                c.agreement() == null ? null : text(c.agreement().dueDate()), Long.toString(c.paidMinor()),
                Boolean.toString(c.overdue()), Long.toString(c.amountAtStake().minorUnits()), Long.toString(version)}));
    }
}
