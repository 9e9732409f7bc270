package clinic.complaint.projection;

import clinic.complaint.application.ComplaintService;
import clinic.complaint.application.ComplaintService.Caller;
import clinic.complaint.application.ComplaintService.Filing;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Channel;
import clinic.complaint.domain.ComplaintCommand;
import clinic.complaint.domain.Remedy;
import clinic.eventstore.domain.Money;
import clinic.eventstore.security.BranchGuard;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case list's batch write (what a rebuild writes with): the rows the live steps write, and a row keeps its case's
 * newest version when a batch that read the case before a step writes after it.
 */
@QuarkusTest
class ComplaintListBatchTest {

    @Inject
    ComplaintService complaints;
    @Inject
    ComplaintListProjection list;
    @Inject
    AgroalDataSource db;

    final Caller caller = new Caller("staff:li", UUID.randomUUID(), BranchGuard.ANY_BRANCH);

    @Test
    void a_batch_writes_the_rows_the_live_steps_write_and_never_sets_a_row_back() throws Exception {
        UUID id = complaints.file(new Filing("SH001", "batch-" + UUID.randomUUID(), "王丽", "13800000000",
                "310101199001010000", Channel.FRONT_DESK, Category.TREATMENT_RESULT, "a batch", Remedy.APOLOGY,
                new Money(100_000, "CNY")), null, caller).complaint().id();
        var filed = complaints.getAtVersion(id, 1);
        var acknowledged = complaints.step(id, null, caller,
                ctx -> new ComplaintCommand.AcknowledgeComplaint("staff:li", ctx.now(), ctx.sla()));
        String live = row(id);
        assertThat(live).contains("ACKNOWLEDGED");

        // a batch that read the case before its step: the row keeps the step's version
        write(new ComplaintListProjection.Entry(filed.complaint(), 1, filed.sla()));
        assertThat(row(id)).isEqualTo(live);

        // the same version: the same row, as the live step wrote it
        write(new ComplaintListProjection.Entry(acknowledged.complaint(), acknowledged.version(), acknowledged.sla()));
        assertThat(row(id)).isEqualTo(live);

        // a missing row is written, and an older one brought up to the batch's version
        execute("delete from complaint_list where id = '" + id + "'");
        write(new ComplaintListProjection.Entry(filed.complaint(), 1, filed.sla()));
        assertThat(row(id)).contains("RECEIVED");
        write(new ComplaintListProjection.Entry(acknowledged.complaint(), acknowledged.version(), acknowledged.sla()));
        assertThat(row(id)).isEqualTo(live);
    }

    private void write(ComplaintListProjection.Entry entry) {
        QuarkusTransaction.requiringNew().run(() -> list.updateAll(List.of(entry)));
    }

    private String row(UUID id) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select l::text from complaint_list l where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.getConnection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
