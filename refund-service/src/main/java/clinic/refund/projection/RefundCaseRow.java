package clinic.refund.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row per refund case: the list HQ and branches query. Derived from the events; rebuildable. */
@Entity
@Table(name = "refund_cases")
public class RefundCaseRow extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "complaint_id", nullable = false)
    public UUID complaintId;

    @Column(name = "branch_id")
    public String branchId;

    @Column(nullable = false)
    public String status;

    @Column(name = "kind", nullable = false)
    public String kind;

    @Column(name = "amount_paid_minor", nullable = false)
    public long amountPaidMinor;

    @Column(nullable = false)
    public String currency;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "agreed_minor")
    public Long agreedMinor;

    @Column(name = "due_date")
    public java.time.LocalDate dueDate;

    @Column(name = "paid_minor", nullable = false)
    public long paidMinor;

    @Column(nullable = false)
    public boolean overdue;

    /** The amount at stake: agreed, else the last offer, else what was paid (what "amount range" filters on). */
    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;

    @Column(nullable = false)
    public long version;
}
