package clinic.followup.application;

import clinic.eventstore.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * What this service knows of each complaint, from complaint-events: its branch, its customer reference and its cycle
 * (how often it was reopened), so that later events (resolved, refund settled, corrective visits) find them.
 */
@ApplicationScoped
public class ComplaintCases {

    public record Case(UUID complaintId, String branchId, String customerRef, int cycle, String status) {
    }

    private final AgroalDataSource dataSource;

    public ComplaintCases(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    // Plain statements on the caller's transaction (Sql): these run for every complaint event a poll brings.

    public void filed(UUID complaintId, String branchId, String customerRef) {
        QuarkusTransaction.joiningExisting().run(() -> Sql.execute(dataSource, """
                insert into complaint_cases (complaint_id, branch_id, customer_ref, cycle, status)
                values (?, ?, ?, 0, 'OPEN') on conflict (complaint_id) do nothing""", complaintId, branchId, customerRef));
    }

    /** Records a new status and, for a reopening, the cycle it starts (the count complaint-service gives). */
    public void changed(UUID complaintId, String status, Integer cycle) {
        QuarkusTransaction.joiningExisting().run(() -> Sql.execute(dataSource,
                "update complaint_cases set status = ?, cycle = coalesce(?, cycle) where complaint_id = ?",
                status, cycle, complaintId));
    }

    public Case get(UUID complaintId) {
        return QuarkusTransaction.joiningExisting().call(() -> Sql.first(dataSource, """
                        select complaint_id, branch_id, customer_ref, cycle, status from complaint_cases
                         where complaint_id = ?""",
                r -> new Case(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getInt(4), r.getString(5)),
                complaintId));
    }
}
