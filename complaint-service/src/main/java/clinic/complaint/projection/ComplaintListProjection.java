package clinic.complaint.projection;

import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.sla.SlaReading;
import clinic.complaint.domain.sla.SlaState;
import clinic.eventstore.projection.VersionedRows;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

import static clinic.eventstore.projection.VersionedRows.text;

/**
 * Keeps {@code complaint_list} equal to the cases' states: written in the transaction that appends a case's events,
 * from the state they produce; rebuilt by the projection runner (ComplaintService registers it).
 */
@ApplicationScoped
public class ComplaintListProjection {

    /** A case as a rebuild batch gives it: its state at a version, and its SLA clocks read as of the batch. */
    public record Entry(Complaint complaint, long version, List<SlaReading> clocks) {
    }

    /** The row's columns, the key first (VersionedRows writes them). */
    private static final VersionedRows ROWS = new VersionedRows("complaint_list", new String[][]{
            {"id", "uuid"}, {"case_number", "text"}, {"branch_id", "text"}, {"status", "text"}, {"category", "text"},
            {"channel", "text"}, {"severity", "text"}, {"owner", "text"}, {"requested_remedy", "text"},
            {"amount_paid_minor", "bigint"}, {"currency", "text"}, {"waiting_on", "text"},
            {"open_escalations", "integer"}, {"reopen_count", "integer"}, {"escalated_externally", "boolean"},
            {"escalated_to_hq", "boolean"}, {"filed_at", "timestamptz"}, {"acknowledged_at", "timestamptz"},
            {"resolved_at", "timestamptz"}, {"closed_at", "timestamptz"}, {"sla_state", "text"}, {"version", "bigint"}});

    private final AgroalDataSource dataSource;

    public ComplaintListProjection(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes the case's row as of {@code version}, unless it holds a newer one (a rebuild batch that read the case before
     * its latest step): one statement, which takes the row's lock, so a rebuild batch and a step queue there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Complaint c, long version, List<SlaReading> clocks) {
        updateAll(List.of(new Entry(c, version, clocks)));
    }

    /**
     * Writes a rebuild batch in the caller's transaction, in one statement: each case's row as {@link #update} writes
     * it, unless the row holds a newer version already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updateAll(List<Entry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<String[]> rows = new java.util.ArrayList<>(batch.size());
        for (Entry e : batch) {
            Complaint c = e.complaint();
            int open = 0;
            for (Complaint.Escalation escalation : c.escalations()) {
                open += escalation.open() ? 1 : 0;
            }
            rows.add(new String[]{c.id().toString(), c.caseNumber(), c.branchId(), c.status().name(), c.category().name(),
                    c.channel().name(), name(c.severity()), c.owner(), c.requestedRemedy().name(),
                    Long.toString(c.amountPaid().minorUnits()), c.amountPaid().currency(), name(c.waitingOn()),
                    Integer.toString(open), Integer.toString(c.reopenCount()),
                    Boolean.toString(!c.escalations().isEmpty()), Boolean.toString(c.hqEscalation() != null),
                    text(c.filedAt()), text(c.acknowledgedAt()), text(c.resolvedAt()), text(c.closedAt()),
                    worst(e.clocks()), Long.toString(e.version())});
        }
        ROWS.write(dataSource, rows);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** The state of the case's most urgent running clock, or null when none runs. */
    static String worst(List<SlaReading> clocks) {
        return clocks.stream().map(SlaReading::state).filter(SlaState::running)
                .max(java.util.Comparator.comparingInt(ComplaintListProjection::urgency))
                .map(Enum::name).orElse(null);
    }

    private static int urgency(SlaState s) {
        return switch (s) {
            case BREACHED -> 3;
            case AT_RISK -> 2;
            case ON_TRACK -> 1;
            default -> 0;
        };
    }
}
