package clinic.complaint.application;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The complaint a filing request with an {@code Idempotency-Key} created, so a retry returns it instead of a second. */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyRecord extends PanacheEntityBase {

    @Id
    @Column(name = "idempotency_key")
    public String key;

    /** SHA-256 of the request, to tell a retry from a different request reusing the key. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "complaint_id", nullable = false)
    public UUID complaintId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
