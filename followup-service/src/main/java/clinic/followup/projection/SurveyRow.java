package clinic.followup.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row per case survey: what the scheduler and HQ's CSAT/NPS figures read. Derived from the survey's state. */
@Entity
@Table(name = "surveys")
public class SurveyRow extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "complaint_id", nullable = false)
    public UUID complaintId;

    @Column(name = "branch_id")
    public String branchId;

    @Column(name = "customer_ref")
    public String customerRef;

    @Column(nullable = false)
    public String token;

    @Column(nullable = false)
    public String status;

    @Column(name = "send_at", nullable = false)
    public Instant sendAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public Integer csat;

    public Integer nps;

    @Column(nullable = false)
    public long version;
}
