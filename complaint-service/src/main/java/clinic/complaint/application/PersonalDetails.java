package clinic.complaint.application;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * What the customer told us that identifies them or describes their health, encrypted with the customer's own key
 * ({@link PersonalDataVault}): kept beside the case, never in its events, so it does not travel to Kafka and is erased
 * by deleting the key.
 */
@Entity
@Table(name = "complaint_personal_details")
public class PersonalDetails extends PanacheEntityBase {

    @Id
    @Column(name = "complaint_id")
    public UUID complaintId;

    @Column(name = "customer_ref", nullable = false)
    public String customerRef;

    @Column(name = "name_enc")
    public byte[] nameEnc;

    @Column(name = "phone_enc")
    public byte[] phoneEnc;

    @Column(name = "id_number_enc")
    public byte[] idNumberEnc;

    @Column(name = "description_enc")
    public byte[] descriptionEnc;
}
