package clinic.refund.domain;

import clinic.eventstore.domain.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What happened to a refund case; stored under the names in {@code RefundEventTypes}. The agreed, settled and overdue
 * events carry {@code refundId}, {@code complaintId}, {@code amount} and {@code dueDate} as complaint-service reads them.
 */
public sealed interface RefundEvent {

    record RefundRequested(UUID refundId, UUID complaintId, String branchId, String customerRef, RefundKind kind,
                           Money amountPaid, Instant requestedAt) implements RefundEvent {
    }

    record RefundReviewStarted(UUID refundId, UUID complaintId, String by, Instant startedAt) implements RefundEvent {
    }

    record RefundOffered(UUID refundId, UUID complaintId, Money amount, String reason, String calculationPolicy,
                         String by, Instant offeredAt, RefundRemedy remedy) implements RefundEvent {
    }

    /** The itemised entitlement, stored whole so that it can be explained and recalculated later. */
    record RefundEntitlementCalculated(UUID refundId, UUID complaintId, List<UUID> orders,
                                       clinic.refund.domain.entitlement.Entitlement entitlement, String by,
                                       Instant calculatedAt) implements RefundEvent {
    }

    record RefundEscalated(UUID refundId, UUID complaintId, String body, String reference, String by,
                           Instant escalatedAt) implements RefundEvent {
    }

    record RefundCounterOffered(UUID refundId, UUID complaintId, RefundCommand.Party party, Money amount, String reason,
                                String by, Instant offeredAt, RefundRemedy remedy) implements RefundEvent {
    }

    record RefundAgreed(UUID refundId, UUID complaintId, Money amount, List<RefundCommand.ChannelShare> channels,
                        LocalDate dueDate, boolean needsApproval, String by, Instant agreedAt, RefundRemedy remedy)
            implements RefundEvent {
    }

    record RefundAgreementApproved(UUID refundId, UUID complaintId, String approvedBy, Instant approvedAt)
            implements RefundEvent {
    }

    record RefundPaymentRecorded(UUID refundId, UUID complaintId, String channel, Money amount, String reference,
                                 String by, Instant paidAt) implements RefundEvent {
    }

    record RefundSettled(UUID refundId, UUID complaintId, Money amount, Instant settledAt) implements RefundEvent {
    }

    record RefundRejected(UUID refundId, UUID complaintId, String reason, String by, Instant rejectedAt)
            implements RefundEvent {
    }

    record RefundWithdrawn(UUID refundId, UUID complaintId, String reason, String by, Instant withdrawnAt)
            implements RefundEvent {
    }

    /** "Refund promised but never paid": the agreement's due date passed without full payment. */
    record RefundOverdue(UUID refundId, UUID complaintId, Money amount, Money paid, LocalDate dueDate, Instant raisedAt)
            implements RefundEvent {
    }

    /** The complaint's third-party assessment, as the case now follows it. */
    record RefundAssessmentNoted(UUID refundId, UUID complaintId, AssessmentFinding finding, String assessor,
                                 Instant assessedAt, Instant notedAt) implements RefundEvent {
    }

    /** HQ set aside a not-at-fault finding: a full refund or compensation may be offered after all. */
    record RefundAssessmentOverridden(UUID refundId, UUID complaintId, String reason, String by, Instant overriddenAt)
            implements RefundEvent {
    }

    /**
     * An agreement reached on the complaint that this case could not take (it agreed something else already, it was
     * rejected or withdrawn, or the assessment forbids it): recorded so that complaint-service sends the case to HQ.
     */
    record ComplaintAgreementNotApplied(UUID refundId, UUID complaintId, RefundRemedy remedy, Money amount,
                                        LocalDate dueDate, String reason, Instant at) implements RefundEvent {
    }
}
