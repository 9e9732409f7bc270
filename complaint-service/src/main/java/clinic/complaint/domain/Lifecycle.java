package clinic.complaint.domain;

import java.time.Instant;

/**
 * Where the case stands and when it got there: acknowledged (when, by whom), the decision communicated (or why it was
 * closed out of scope), resolved and closed, and how often it was reopened (each reopening starts a new resolve cycle).
 * Resolved and closed are cleared by a reopening: they are those of the current cycle.
 */
public record Lifecycle(ComplaintStatus status, Instant acknowledgedAt, String acknowledgedBy, String decision,
                        Instant resolvedAt, Instant closedAt, int reopenCount) {

    /** Nothing filed yet. */
    static final Lifecycle NONE = new Lifecycle(ComplaintStatus.NONE, null, null, null, null, null, 0);

    /** A step that moves the case on without a moment of its own to keep. */
    Lifecycle movedTo(ComplaintStatus next) {
        return new Lifecycle(next, acknowledgedAt, acknowledgedBy, decision, resolvedAt, closedAt, reopenCount);
    }

    Lifecycle acknowledged(String by, Instant at) {
        return new Lifecycle(ComplaintStatus.ACKNOWLEDGED, at, by, decision, resolvedAt, closedAt, reopenCount);
    }

    Lifecycle resolved(String decided, Instant at) {
        return new Lifecycle(ComplaintStatus.RESOLVED, acknowledgedAt, acknowledgedBy, decided, at, closedAt,
                reopenCount);
    }

    /** Closed out of scope: the explanation is the case's decision. */
    Lifecycle closedOutOfScope(String explanation, Instant at) {
        return new Lifecycle(ComplaintStatus.CLOSED_OUT_OF_SCOPE, acknowledgedAt, acknowledgedBy, explanation,
                resolvedAt, at, reopenCount);
    }

    /** Closed ({@link ComplaintStatus#CLOSED}) or withdrawn ({@link ComplaintStatus#WITHDRAWN}) at {@code at}. */
    Lifecycle ended(ComplaintStatus how, Instant at) {
        return new Lifecycle(how, acknowledgedAt, acknowledgedBy, decision, resolvedAt, at, reopenCount);
    }

    /** Investigated again, in a new cycle: the earlier resolution and closing no longer stand. */
    Lifecycle reopened(int count) {
        return new Lifecycle(ComplaintStatus.INVESTIGATING, acknowledgedAt, acknowledgedBy, decision, null, null,
                count);
    }
}
