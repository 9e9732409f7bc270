package clinic.complaint.application;

import clinic.eventstore.api.ListFilter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The record of unmasked reads of personal data (PIPL: who saw a customer's data, when): one row per answer that showed
 * it whole, written before the answer leaves, in a transaction of its own so that a read is recorded even when nothing
 * else is written.
 */
@ApplicationScoped
public class PersonalDataReads {

    /** One unmasked read. */
    @Entity
    @Table(name = "personal_data_reads")
    public static class Read extends PanacheEntityBase {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
        @Column(name = "read_at")
        public Instant readAt;
        public String actor;
        @Column(name = "customer_ref")
        public String customerRef;
        @Column(name = "complaint_id")
        public UUID complaintId;
        @Column(name = "branch_id")
        public String branchId;
        public String operation;
    }

    /** A page of reads, newest first, with how many match. */
    public record Page(List<Read> items, long total) {
    }

    private final Clock clock;

    public PersonalDataReads(Clock clock) {
        this.clock = clock;
    }

    /** Records that {@code actor} was shown the personal data of the case's customer through {@code operation}. */
    public void record(String actor, String customerRef, UUID complaintId, String branchId, String operation) {
        QuarkusTransaction.requiringNew().run(() -> {
            Read read = new Read();
            read.readAt = clock.instant();
            read.actor = actor;
            read.customerRef = customerRef;
            read.complaintId = complaintId;
            read.branchId = branchId;
            read.operation = operation;
            read.persist();
        });
    }

    /** The reads matching the filters (each may be null), newest first. */
    public Page list(String customerRef, String actor, UUID complaintId, Instant from, Instant to, int page, int size) {
        ListFilter filter = new ListFilter().equal("customerRef", customerRef).equal("actor", actor)
                .equal("complaintId", complaintId).atLeast("readAt", from).below("readAt", to);
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = Read.<Read>find(filter.where(), Sort.descending("readAt").and("id", Sort.Direction.Descending),
                    filter.params());
            return new Page(query.page(page, size).list(), query.count());
        });
    }
}
