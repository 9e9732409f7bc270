package clinic.complaint.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row per case: what HQ dashboards and branch queues list and filter. Derived from the events; rebuildable. */
@Entity
@Table(name = "complaint_list")
public class ComplaintListRow extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "case_number", nullable = false)
    public String caseNumber;
    @Column(name = "branch_id", nullable = false)
    public String branchId;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false)
    public String category;
    @Column(nullable = false)
    public String channel;
    public String severity;
    public String owner;
    @Column(name = "requested_remedy", nullable = false)
    public String requestedRemedy;
    @Column(name = "amount_paid_minor", nullable = false)
    public long amountPaidMinor;
    @Column(nullable = false)
    public String currency;
    @Column(name = "waiting_on")
    public String waitingOn;
    @Column(name = "open_escalations", nullable = false)
    public int openEscalations;
    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;
    /** At least one external escalation was recorded (open or with its outcome). */
    @Column(name = "escalated_externally", nullable = false)
    public boolean escalatedExternally;
    /** The case was sent to HQ (a refund promised and not paid, say). */
    @Column(name = "escalated_to_hq", nullable = false)
    public boolean escalatedToHq;
    @Column(name = "filed_at", nullable = false)
    public Instant filedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    /** The most urgent running SLA clock's state (ON_TRACK, AT_RISK, BREACHED, PAUSED), null when none runs. */
    @Column(name = "sla_state")
    public String slaState;
    @Column(nullable = false)
    public long version;
}
