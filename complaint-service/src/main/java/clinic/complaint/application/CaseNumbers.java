package clinic.complaint.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Case numbers people can read out on the phone: branch, year, and a number counted per branch and year
 * ({@code SH001-2026-000042}). Taken in the filing transaction, so a failed filing gives its number back.
 */
@ApplicationScoped
public class CaseNumbers {

    private final EntityManager em;

    public CaseNumbers(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public String next(String branchId, int year) {
        Number n = (Number) em.createNativeQuery("""
                        insert into case_number_sequences (branch_id, year, last_number) values (?1, ?2, 1)
                        on conflict (branch_id, year) do update set last_number = case_number_sequences.last_number + 1
                        returning last_number""")
                .setParameter(1, branchId)
                .setParameter(2, year)
                .getSingleResult();
        return "%s-%d-%06d".formatted(branchId, year, n.longValue());
    }
}
