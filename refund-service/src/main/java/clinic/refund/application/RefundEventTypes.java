package clinic.refund.application;

import clinic.eventstore.EventTypeRegistry;
import clinic.refund.domain.RefundEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The stable names the refund events are stored and published under. */
public final class RefundEventTypes {

    public static final String REQUESTED = "refund.requested.v1";
    public static final String REVIEW_STARTED = "refund.review-started.v1";
    public static final String OFFERED = "refund.offered.v1";
    public static final String COUNTER_OFFERED = "refund.counter-offered.v1";
    public static final String AGREED = "refund.agreed.v1";
    public static final String APPROVED = "refund.agreement-approved.v1";
    public static final String PAYMENT_RECORDED = "refund.payment-recorded.v1";
    public static final String SETTLED = "refund.settled.v1";
    public static final String REJECTED = "refund.rejected.v1";
    public static final String WITHDRAWN = "refund.withdrawn.v1";
    public static final String OVERDUE = "refund.overdue.v1";
    public static final String ENTITLEMENT_CALCULATED = "refund.entitlement-calculated.v1";
    public static final String ESCALATED = "refund.escalated.v1";
    public static final String ASSESSMENT_NOTED = "refund.assessment-noted.v1";
    public static final String ASSESSMENT_OVERRIDDEN = "refund.assessment-overridden.v1";
    public static final String COMPLAINT_AGREEMENT_NOT_APPLIED = "refund.complaint-agreement-not-applied.v1";

    @Produces
    @ApplicationScoped
    EventTypeRegistry<RefundEvent> registry(ObjectMapper mapper) {
        return EventTypeRegistry.<RefundEvent>builder()
                .register(REQUESTED, RefundEvent.RefundRequested.class)
                .register(REVIEW_STARTED, RefundEvent.RefundReviewStarted.class)
                .register(OFFERED, RefundEvent.RefundOffered.class)
                .register(COUNTER_OFFERED, RefundEvent.RefundCounterOffered.class)
                .register(AGREED, RefundEvent.RefundAgreed.class)
                .register(APPROVED, RefundEvent.RefundAgreementApproved.class)
                .register(PAYMENT_RECORDED, RefundEvent.RefundPaymentRecorded.class)
                .register(SETTLED, RefundEvent.RefundSettled.class)
                .register(REJECTED, RefundEvent.RefundRejected.class)
                .register(WITHDRAWN, RefundEvent.RefundWithdrawn.class)
                .register(OVERDUE, RefundEvent.RefundOverdue.class)
                .register(ENTITLEMENT_CALCULATED, RefundEvent.RefundEntitlementCalculated.class)
                .register(ESCALATED, RefundEvent.RefundEscalated.class)
                .register(ASSESSMENT_NOTED, RefundEvent.RefundAssessmentNoted.class)
                .register(ASSESSMENT_OVERRIDDEN, RefundEvent.RefundAssessmentOverridden.class)
                .register(COMPLAINT_AGREEMENT_NOT_APPLIED, RefundEvent.ComplaintAgreementNotApplied.class)
                .build(mapper);
    }
}
