package clinic.followup.application;

import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.api.StrictJson;
import clinic.followup.domain.FollowUpWindow;
import clinic.followup.domain.FollowUpWindowDecider;
import clinic.followup.domain.FollowUpWindowEvent;
import clinic.followup.domain.FollowUpWindowEvent.WindowOpened;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Window events as stored: those written before {@code openedBy} existed still read and fold. */
class FollowUpWindowHistoryTest {

    final EventTypeRegistry<FollowUpWindowEvent> types =
            new FollowUpEventTypes().windows(StrictJson.apply(new ObjectMapper()));

    @Test
    void a_window_opened_before_opened_by_existed_reads_and_folds_as_the_resolutions() {
        UUID complaint = UUID.randomUUID();
        UUID task = UUID.randomUUID();
        FollowUpWindowEvent stored = types.fromJson(FollowUpEventTypes.WINDOW_OPENED, """
                {"complaintId":"%s","branchId":"SH001","cycle":0,"callbacks":["%s"],"openedAt":"2026-03-04T07:00:00Z"}"""
                .formatted(complaint, task));
        assertThat(stored).isEqualTo(new WindowOpened(complaint, "SH001", 0, List.of(task),
                Instant.parse("2026-03-04T07:00:00Z"), null));
        FollowUpWindow window = FollowUpWindowDecider.evolve(FollowUpWindow.NONE, stored);
        assertThat(window.open()).isTrue();
        assertThat(window.resolved()).isTrue();
    }

    @Test
    void what_opened_a_window_is_written_and_read_back() {
        WindowOpened settled = new WindowOpened(UUID.randomUUID(), "SH001", 1, List.of(UUID.randomUUID()),
                Instant.parse("2026-03-04T07:00:00Z"), FollowUpWindow.OpenedBy.REFUND_SETTLED);
        String json = types.toJson(settled);
        assertThat(json).contains("\"openedBy\":\"REFUND_SETTLED\"");
        assertThat(types.fromJson(FollowUpEventTypes.WINDOW_OPENED, json)).isEqualTo(settled);
        assertThat(FollowUpWindowDecider.evolve(FollowUpWindow.NONE, settled).resolved()).isFalse();
    }
}
