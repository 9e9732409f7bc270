package clinic.followup.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row per follow-up task: a branch's work queue. Derived from the task's state; rebuildable. */
@Entity
@Table(name = "followup_tasks")
public class FollowUpTaskRow extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "complaint_id")
    public UUID complaintId;

    @Column(name = "purchase_id")
    public UUID purchaseId;

    @Column(name = "branch_id")
    public String branchId;

    @Column(name = "customer_ref")
    public String customerRef;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String status;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "scheduled_at", nullable = false)
    public Instant scheduledAt;

    @Column(nullable = false)
    public int day;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "assigned_to")
    public String assignedTo;

    @Column(name = "last_outcome")
    public String lastOutcome;

    @Column(nullable = false)
    public long version;
}
