package clinic.hq.domain;

import java.time.Instant;
import java.util.UUID;

/** What HQ keeps of a follow-up task's events (followup-events), in followup-service's field names. */
public sealed interface FollowUpFact {

    UUID taskId();

    /** {@code complaintId}: null for a product follow-up (after a sale, no case). */
    record Scheduled(UUID taskId, UUID complaintId, String branchId, String kind, Instant dueAt, Instant scheduledAt)
            implements FollowUpFact {
        public Scheduled {
            Codes.required("taskId", taskId);
            Codes.branch(branchId);
            Codes.code("kind", kind);
            Codes.required("dueAt", dueAt);
            Codes.required("scheduledAt", scheduledAt);
        }
    }

    record Rescheduled(UUID taskId, Instant dueAt, Instant rescheduledAt) implements FollowUpFact {
        public Rescheduled {
            Codes.required("taskId", taskId);
            Codes.required("dueAt", dueAt);
            Codes.required("rescheduledAt", rescheduledAt);
        }
    }

    /** A call made: {@code outcome} as followup-service names it (REACHED_SATISFIED, NO_ANSWER, ...). */
    record CallRecorded(UUID taskId, String outcome, Instant calledAt) implements FollowUpFact {
        public CallRecorded {
            Codes.required("taskId", taskId);
            Codes.code("outcome", outcome);
            Codes.required("calledAt", calledAt);
        }
    }

    record Unreachable(UUID taskId, Instant at) implements FollowUpFact {
        public Unreachable {
            Codes.required("taskId", taskId);
            Codes.required("at", at);
        }
    }

    record Cancelled(UUID taskId, Instant cancelledAt) implements FollowUpFact {
        public Cancelled {
            Codes.required("taskId", taskId);
            Codes.required("cancelledAt", cancelledAt);
        }
    }

    record Step(UUID taskId, String type, Instant at) implements FollowUpFact {
        public Step {
            Codes.required("taskId", taskId);
            Codes.eventType(type);
            Codes.required("at", at);
        }
    }
}
