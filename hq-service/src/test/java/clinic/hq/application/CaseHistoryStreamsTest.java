package clinic.hq.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two complaints a caller filed under one correlation id of its own: each case's story holds its own streams only. */
class CaseHistoryStreamsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static CaseHistory.Entry entry(String service, String stream, int version, String type, String payload)
            throws Exception {
        return new CaseHistory.Entry(service, stream, CaseHistory.kindOf(type), version, type, UUID.randomUUID(), version,
                Instant.parse("2026-03-02T02:00:00Z"), Instant.parse("2026-03-02T02:00:00Z").plusSeconds(version),
                "SH001", "x", UUID.randomUUID(), null, JSON.readTree(payload));
    }

    @Test
    void a_stream_whose_events_name_another_complaint_is_not_this_cases() throws Exception {
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<CaseHistory.Entry> found = List.of(
                entry("followup-service", "task-1", 1, "followup.scheduled.v1", "{\"complaintId\":\"" + mine + "\"}"),
                entry("followup-service", "task-1", 2, "followup.due.v1", "{\"taskId\":\"task-1\"}"),
                entry("followup-service", "task-2", 1, "followup.scheduled.v1", "{\"complaintId\":\"" + other + "\"}"),
                entry("followup-service", "task-2", 2, "followup.due.v1", "{\"taskId\":\"task-2\"}"),
                entry("followup-service", "task-3", 1, "followup.due.v1", "{\"taskId\":\"task-3\"}"));

        assertThat(CaseHistory.ofThisCase(mine, found)).extracting(CaseHistory.Entry::streamId)
                .containsExactly("task-1", "task-1", "task-3"); // task-3 names no complaint: kept
    }
}
