package clinic.refund.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row per recorded order: how staff find a customer's purchases. Derived from the purchase events; rebuildable. */
@Entity
@Table(name = "purchases")
public class PurchaseRow extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "branch_id", nullable = false)
    public String branchId;

    @Column(name = "order_no", nullable = false)
    public String orderNo;

    @Column(name = "customer_ref", nullable = false)
    public String customerRef;

    @Column(nullable = false)
    public String currency;

    @Column(name = "paid_minor", nullable = false)
    public long paidMinor;

    @Column(name = "purchased_at", nullable = false)
    public Instant purchasedAt;

    @Column(nullable = false)
    public long version;
}
