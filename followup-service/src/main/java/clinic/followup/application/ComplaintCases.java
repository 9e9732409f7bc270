package clinic.followup.application;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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

    // Plain JDBC on the caller's transaction connection (Agroal hands the transaction's own): these run for every
    // complaint event a poll brings, and a Hibernate native query cost several times the statement itself there.

    public void filed(UUID complaintId, String branchId, String customerRef) {
        update("""
                insert into complaint_cases (complaint_id, branch_id, customer_ref, cycle, status)
                values (?, ?, ?, 0, 'OPEN') on conflict (complaint_id) do nothing""", ps -> {
            ps.setObject(1, complaintId);
            ps.setString(2, branchId);
            ps.setString(3, customerRef);
        });
    }

    /** Records a new status and, for a reopening, the cycle it starts (the count complaint-service gives). */
    public void changed(UUID complaintId, String status, Integer cycle) {
        update("update complaint_cases set status = ?, cycle = coalesce(?, cycle) where complaint_id = ?", ps -> {
            ps.setString(1, status);
            if (cycle == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setInt(2, cycle);
            }
            ps.setObject(3, complaintId);
        });
    }

    public Case get(UUID complaintId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    select complaint_id, branch_id, customer_ref, cycle, status from complaint_cases
                     where complaint_id = ?""")) {
                ps.setObject(1, complaintId);
                try (ResultSet r = ps.executeQuery()) {
                    return r.next() ? new Case(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getInt(4),
                            r.getString(5)) : null;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("complaint case " + complaintId + " could not be read", e);
            }
        });
    }

    private interface Parameters {
        void set(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Parameters parameters) {
        QuarkusTransaction.joiningExisting().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                parameters.set(ps);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("complaint cases could not be written", e);
            }
        });
    }
}
