package clinic.hq.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What HQ keeps of a complaint's events (complaint-events): the facts its measures need and nothing personal. Field
 * names are complaint-service's, so each record reads the published payload as it is (unknown fields ignored); a
 * payload without what a record requires is refused. {@link Step} stands for every other event of the case: its
 * type and time, for the case's timeline.
 */
public sealed interface CaseFact {

    UUID complaintId();

    record Filed(UUID complaintId, String caseNumber, String branchId, String channel, String category,
                 Instant filedAt) implements CaseFact {
        public Filed {
            Codes.required("complaintId", complaintId);
            Codes.caseNumber(caseNumber);
            Codes.branch(branchId);
            Codes.code("channel", channel);
            Codes.code("category", category);
            Codes.required("filedAt", filedAt);
        }
    }

    /** {@code clock}: null for an acknowledgement recorded before complaint-service kept its reading. */
    record Acknowledged(UUID complaintId, Instant acknowledgedAt, SlaStop clock) implements CaseFact {
        public Acknowledged {
            Codes.required("complaintId", complaintId);
            Codes.required("acknowledgedAt", acknowledgedAt);
            clock = SlaStop.orNone(clock);
        }
    }

    record Assessed(UUID complaintId, String category, String severity, Instant assessedAt) implements CaseFact {
        public Assessed {
            Codes.required("complaintId", complaintId);
            Codes.code("category", category);
            Codes.code("severity", severity);
            Codes.required("assessedAt", assessedAt);
        }
    }

    record Resolved(UUID complaintId, Instant resolvedAt, SlaStop clock) implements CaseFact {
        public Resolved {
            Codes.required("complaintId", complaintId);
            Codes.required("resolvedAt", resolvedAt);
            clock = SlaStop.orNone(clock);
        }
    }

    record Closed(UUID complaintId, Instant closedAt) implements CaseFact {
        public Closed {
            Codes.required("complaintId", complaintId);
            Codes.required("closedAt", closedAt);
        }
    }

    record ClosedOutOfScope(UUID complaintId, Instant closedAt) implements CaseFact {
        public ClosedOutOfScope {
            Codes.required("complaintId", complaintId);
            Codes.required("closedAt", closedAt);
        }
    }

    record Reopened(UUID complaintId, int reopenCount, Instant reopenedAt) implements CaseFact {
        public Reopened {
            Codes.required("complaintId", complaintId);
            Codes.required("reopenedAt", reopenedAt);
            if (reopenCount < 1 || reopenCount > 1000) {
                throw new IllegalArgumentException("reopenCount must be 1 to 1000");
            }
        }
    }

    record Withdrawn(UUID complaintId, Instant withdrawnAt) implements CaseFact {
        public Withdrawn {
            Codes.required("complaintId", complaintId);
            Codes.required("withdrawnAt", withdrawnAt);
        }
    }

    /** An SLA warning (at risk or breached) complaint-service raised on one of the case's clocks. */
    record SlaWarned(UUID complaintId, String clock, int cycle, String level, Instant dueAt, Instant raisedAt)
            implements CaseFact {
        public static final String AT_RISK = "AT_RISK";
        public static final String BREACHED = "BREACHED";

        public SlaWarned {
            Codes.required("complaintId", complaintId);
            Codes.code("clock", clock);
            Codes.code("level", level);
            Codes.required("raisedAt", raisedAt);
            if (cycle < 0 || cycle > 1000) {
                throw new IllegalArgumentException("cycle must be 0 to 1000");
            }
        }
    }

    record EscalatedExternally(UUID complaintId, UUID escalationId, String body, Instant escalatedAt)
            implements CaseFact {
        public EscalatedExternally {
            Codes.required("complaintId", complaintId);
            Codes.required("escalationId", escalationId);
            Codes.code("body", body);
            Codes.required("escalatedAt", escalatedAt);
        }
    }

    /** The outcome's text stays in complaint-service (staff's words); HQ keeps that and when it came. */
    record EscalationConcluded(UUID complaintId, UUID escalationId, Instant recordedAt) implements CaseFact {
        public EscalationConcluded {
            Codes.required("complaintId", complaintId);
            Codes.required("escalationId", escalationId);
            Codes.required("recordedAt", recordedAt);
        }
    }

    /** Any other event of the case, kept for its timeline. */
    record Step(UUID complaintId, String type, Instant at) implements CaseFact {
        public Step {
            Codes.required("complaintId", complaintId);
            Codes.eventType(type);
            Codes.required("at", at);
        }
    }
}
