package clinic.followup.domain;

import clinic.followup.domain.FollowUpCommand.ScheduleFollowUp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which follow-ups an event calls for. For now a new complaint gets one callback from its branch after a policy delay;
 * the 1-3-7 callbacks, check-ins and surveys come with their own events.
 */
public final class FollowUpRules {

    private FollowUpRules() {
    }

    public static List<ScheduleFollowUp> onComplaintFiled(UUID complaintId, String branchId, String customerRef,
                                                          Instant filedAt, Duration callbackAfter) {
        return List.of(new ScheduleFollowUp(taskId(complaintId, FollowUpKind.INTAKE_CALLBACK), complaintId, branchId,
                customerRef, FollowUpKind.INTAKE_CALLBACK, filedAt.plus(callbackAfter), filedAt));
    }

    /** One task of a kind per complaint: its id is derived from both, so an event replayed schedules nothing new. */
    public static UUID taskId(UUID complaintId, FollowUpKind kind) {
        return UUID.nameUUIDFromBytes((kind + ":" + complaintId).getBytes(StandardCharsets.UTF_8));
    }
}
