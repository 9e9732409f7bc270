package clinic.followup.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/**
 * What this service knows of each complaint, from complaint-events: its branch, its customer reference and its cycle
 * (how often it was reopened), so that later events (resolved, refund settled, corrective visits) find them.
 */
@ApplicationScoped
public class ComplaintCases {

    public record Case(UUID complaintId, String branchId, String customerRef, int cycle, String status) {
    }

    private final EntityManager em;

    public ComplaintCases(EntityManager em) {
        this.em = em;
    }

    public void filed(UUID complaintId, String branchId, String customerRef) {
        QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery("""
                        insert into complaint_cases (complaint_id, branch_id, customer_ref, cycle, status)
                        values (?1, ?2, ?3, 0, 'OPEN') on conflict (complaint_id) do nothing""")
                .setParameter(1, complaintId).setParameter(2, branchId).setParameter(3, customerRef).executeUpdate());
    }

    /** Records a new status and, for a reopening, the cycle it starts (the count complaint-service gives). */
    public void changed(UUID complaintId, String status, Integer cycle) {
        QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery("""
                        update complaint_cases set status = ?2, cycle = coalesce(?3, cycle) where complaint_id = ?1""")
                .setParameter(1, complaintId).setParameter(2, status).setParameter(3, cycle).executeUpdate());
    }

    public Case get(UUID complaintId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            select complaint_id, branch_id, customer_ref, cycle, status from complaint_cases
                             where complaint_id = ?1""")
                    .setParameter(1, complaintId).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            Object[] r = rows.getFirst();
            return new Case((UUID) r[0], (String) r[1], (String) r[2], ((Number) r[3]).intValue(), (String) r[4]);
        });
    }
}
