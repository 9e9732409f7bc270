package clinic.hq.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up task as HQ sees it: its branch, kind and due time, and how it ended: {@code DONE} (the customer was
 * reached), {@code UNREACHABLE}, {@code CANCELLED} (no longer fitting), or still {@code OPEN}.
 */
public record FollowUpInsight(UUID taskId, UUID complaintId, String branchId, String kind, Instant dueAt,
                              String status, String lastOutcome, int calls, Instant endedAt) {

    public static final String OPEN = "OPEN";
    public static final String DONE = "DONE";
    public static final String UNREACHABLE = "UNREACHABLE";
    public static final String CANCELLED = "CANCELLED";

    public static final FollowUpInsight NONE = new FollowUpInsight(null, null, null, null, null, null, null, 0, null);

    public boolean exists() {
        return taskId != null;
    }

    public static FollowUpInsight evolve(FollowUpInsight s, FollowUpFact fact) {
        FollowUpInsight t = s.taskId != null ? s
                : new FollowUpInsight(fact.taskId(), null, null, null, null, OPEN, null, 0, null);
        return switch (fact) {
            case FollowUpFact.Scheduled x -> new FollowUpInsight(x.taskId(), x.complaintId(), x.branchId(), x.kind(),
                    x.dueAt(), t.status, t.lastOutcome, t.calls, t.endedAt);
            case FollowUpFact.Rescheduled x -> new FollowUpInsight(t.taskId, t.complaintId, t.branchId, t.kind,
                    x.dueAt(), t.status, t.lastOutcome, t.calls, t.endedAt);
            case FollowUpFact.CallRecorded c -> {
                boolean reached = switch (c.outcome()) {
                    case "REACHED_SATISFIED", "REACHED_DISSATISFIED", "NEEDS_HELP" -> true;
                    default -> false;
                };
                yield new FollowUpInsight(t.taskId, t.complaintId, t.branchId, t.kind, t.dueAt,
                        reached && OPEN.equals(t.status) ? DONE : t.status, c.outcome(), t.calls + 1,
                        reached && OPEN.equals(t.status) ? c.calledAt() : t.endedAt);
            }
            case FollowUpFact.Unreachable u -> t.ended(UNREACHABLE, u.at());
            case FollowUpFact.Cancelled c -> t.ended(CANCELLED, c.cancelledAt());
            case FollowUpFact.Step ignored -> t;
        };
    }

    private FollowUpInsight ended(String how, Instant at) {
        return OPEN.equals(status) ? new FollowUpInsight(taskId, complaintId, branchId, kind, dueAt, how, lastOutcome,
                calls, at) : this;
    }
}
