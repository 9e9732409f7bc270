package clinic.refund.application;

import clinic.refund.domain.AssessmentFinding;
import clinic.eventstore.domain.Money;
import clinic.refund.domain.RefundCommand;
import clinic.eventstore.Sql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What this service knows of each complaint, from complaint-events: the branch, the customer reference and what was
 * paid (from the filing), whether it is about goods (the assessment's subject) and the latest third-party assessment.
 * A refund case opened later from a remedy proposed or agreed on the complaint starts from these. Written by the
 * complaint-events consumer in the transaction of the event's effect, after its appends.
 */
@ApplicationScoped
public class ComplaintFacts {

    /** One complaint as far as its events told this service; {@code finding} null until an assessment is recorded. */
    public record Facts(UUID complaintId, String branchId, String customerRef, Money amountPaid, boolean goods,
                        AssessmentFinding finding, String assessor, Instant assessedAt) {

        /** The command that records the assessment on the refund case, if one is known. */
        public Optional<RefundCommand.NoteAssessment> assessment(Instant at) {
            return finding == null ? Optional.empty()
                    : Optional.of(new RefundCommand.NoteAssessment(finding, assessor, assessedAt, at));
        }
    }

    private final EntityManager em;
    private final AgroalDataSource dataSource;

    public ComplaintFacts(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    public Optional<Facts> find(UUID complaintId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select branch_id, customer_ref, amount_paid_minor, currency, subject, assessment_finding, assessor,
                               assessed_at
                          from complaint_facts where complaint_id = ?1""")
                .setParameter(1, complaintId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.getFirst();
        return Optional.of(new Facts(complaintId, (String) r[0], (String) r[1],
                new Money(((Number) r[2]).longValue(), ((String) r[3]).trim()), "PRODUCT".equals(r[4]),
                r[5] == null ? null : AssessmentFinding.valueOf((String) r[5]), (String) r[6], instant(r[7])));
    }

    /**
     * The complaint as filed; filed again (another event id) it stays as first known. A plain statement on the
     * transaction (Sql): it runs for every complaint a poll brings.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void filed(UUID complaintId, String branchId, String customerRef, Money amountPaid) {
        Sql.execute(dataSource, """
                insert into complaint_facts (complaint_id, branch_id, customer_ref, amount_paid_minor, currency)
                values (?, ?, ?, ?, ?) on conflict (complaint_id) do nothing""",
                complaintId, branchId, customerRef, amountPaid.minorUnits(), amountPaid.currency());
    }

    /** The assessment's subject (SERVICE or PRODUCT): a refund of goods is due later than one of services. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assessed(UUID complaintId, String subject) {
        em.createNativeQuery("update complaint_facts set subject = ?2 where complaint_id = ?1")
                .setParameter(1, complaintId).setParameter(2, subject).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void assessmentRecorded(UUID complaintId, AssessmentFinding finding, String assessor, Instant at) {
        em.createNativeQuery("""
                        update complaint_facts set assessment_finding = ?2, assessor = ?3, assessed_at = ?4
                         where complaint_id = ?1""")
                .setParameter(1, complaintId).setParameter(2, finding.name()).setParameter(3, assessor)
                .setParameter(4, at).executeUpdate();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }
}
