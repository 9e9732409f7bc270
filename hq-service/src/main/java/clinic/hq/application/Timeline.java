package clinic.hq.application;

import clinic.eventstore.EventStore;
import clinic.eventstore.StoredEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One case's story as HQ saw it: the complaint's events and those of its refund cases, follow-up tasks and survey, in
 * the order they happened, each with what HQ kept of it (no personal data), its correlation and the source event.
 */
@ApplicationScoped
public class Timeline {

    /** {@code what}: the fact ({@code case-filed}) or, for the steps HQ keeps no fact of, the source event type. */
    public record Entry(Instant at, String stream, UUID streamId, String what, JsonNode facts, UUID correlationId,
                        UUID sourceEventId) {
    }

    public record CaseTimeline(UUID complaintId, String caseNumber, String branchId, List<Entry> entries) {
    }

    private final EventStore store;
    private final AgroalDataSource db;
    private final ObjectMapper mapper;

    public Timeline(EventStore store, AgroalDataSource db, ObjectMapper mapper) {
        this.store = store;
        this.db = db;
        this.mapper = mapper;
    }

    /** The streams of the case, by kind: the complaint, then its refunds, tasks and surveys. */
    public List<Entry> of(UUID complaintId) {
        List<Entry> entries = new ArrayList<>(entries("case", store.load(complaintId.toString())));
        for (String[] kind : new String[][]{{"refund", "select refund_id from hq_refunds where complaint_id = ?"},
                {"follow-up", "select task_id from hq_followups where complaint_id = ?"},
                {"survey", "select survey_id from hq_surveys where complaint_id = ?"}}) {
            for (UUID id : ids(kind[1], complaintId)) {
                entries.addAll(entries(kind[0], store.load(id.toString())));
            }
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }

    private List<Entry> entries(String stream, List<StoredEvent> events) {
        List<Entry> list = new ArrayList<>();
        for (StoredEvent e : events) {
            JsonNode facts = read(e.payload());
            String what = e.type().endsWith("-step.v1") && facts.hasNonNull("type") ? facts.get("type").asText()
                    : e.type().replaceFirst("^hq\\.", "").replaceFirst("\\.v[0-9]+$", "");
            list.add(new Entry(e.occurredAt(), stream, UUID.fromString(e.streamId()), what, facts, e.correlationId(),
                    e.causationId()));
        }
        return list;
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored fact is not JSON", e);
        }
    }

    private List<UUID> ids(String sql, UUID complaintId) {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, complaintId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("case streams not read: " + e.getMessage(), e);
        }
        return ids;
    }
}
