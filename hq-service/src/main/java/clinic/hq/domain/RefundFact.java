package clinic.hq.domain;

import clinic.eventstore.domain.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What HQ keeps of a refund case's events (refund-events), in refund-service's field names; see {@link CaseFact}. */
public sealed interface RefundFact {

    UUID refundId();

    record Requested(UUID refundId, UUID complaintId, String branchId, Instant requestedAt) implements RefundFact {
        public Requested {
            Codes.required("refundId", refundId);
            Codes.required("complaintId", complaintId);
            Codes.branch(branchId);
            Codes.required("requestedAt", requestedAt);
        }
    }

    /** The written agreement: the amount promised and when it is due. */
    record Agreed(UUID refundId, Money amount, LocalDate dueDate, Instant agreedAt) implements RefundFact {
        public Agreed {
            Codes.required("refundId", refundId);
            Codes.required("amount", amount);
            Codes.required("agreedAt", agreedAt);
        }
    }

    record PaymentRecorded(UUID refundId, Money amount, Instant paidAt) implements RefundFact {
        public PaymentRecorded {
            Codes.required("refundId", refundId);
            Codes.required("amount", amount);
            Codes.required("paidAt", paidAt);
        }
    }

    record Settled(UUID refundId, Money amount, Instant settledAt) implements RefundFact {
        public Settled {
            Codes.required("refundId", refundId);
            Codes.required("amount", amount);
            Codes.required("settledAt", settledAt);
        }
    }

    /** refund-service's alarm: promised and not paid by its due date. */
    record Overdue(UUID refundId, LocalDate dueDate, Instant raisedAt) implements RefundFact {
        public Overdue {
            Codes.required("refundId", refundId);
            Codes.required("raisedAt", raisedAt);
        }
    }

    /** Rejected or withdrawn: nothing will be paid. */
    record Ended(UUID refundId, String how, Instant at) implements RefundFact {
        public Ended {
            Codes.required("refundId", refundId);
            Codes.code("how", how);
            Codes.required("at", at);
        }
    }

    record Step(UUID refundId, String type, Instant at) implements RefundFact {
        public Step {
            Codes.required("refundId", refundId);
            Codes.eventType(type);
            Codes.required("at", at);
        }
    }
}
