package clinic.complaint.application;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * What the customer told us that identifies them or describes their health: kept beside the case, never in its
 * events, so it does not travel to Kafka and can be erased without rewriting history.
 */
@Entity
@Table(name = "complaint_personal_details")
public class PersonalDetails extends PanacheEntityBase {

    @Id
    @Column(name = "complaint_id")
    public UUID complaintId;

    @Column(name = "customer_ref", nullable = false)
    public String customerRef;

    @Column(name = "customer_name")
    public String customerName;

    @Column(name = "customer_phone")
    public String customerPhone;

    @Column(name = "description")
    public String description;
}
