package clinic.refund.domain;

/**
 * The steps a user takes on a refund case through the API: each with its API name (the last segment of its path,
 * {@code POST /refunds/{id}/<name>}) and the {@code operationId} of its operation in the OpenAPI document.
 * {@link RefundDecider#allowedSteps} names these. The case is opened from the complaint's events
 * ({@link RefundCommand.RequestRefund}), and the {@link RefundCommand.Automatic} commands follow other services' events
 * or the service's own alarm: none of them is a step.
 */
public enum RefundStep implements clinic.eventstore.domain.ApiStep {
    START_REVIEW("start-review", "startRefundReview"),
    ENTITLEMENT("entitlement", "recordRefundEntitlement"),
    OFFER("offer", "makeRefundOffer"),
    COUNTER_OFFER("counter-offer", "makeRefundCounterOffer"),
    AGREE("agree", "agreeRefund"),
    APPROVE("approve", "approveRefund"),
    RECORD_PAYMENT("record-payment", "recordRefundPayment"),
    REJECT("reject", "rejectRefund"),
    WITHDRAW("withdraw", "withdrawRefund"),
    ESCALATE("escalate", "escalateRefund"),
    OVERRIDE_ASSESSMENT("override-assessment", "overrideRefundAssessment");

    private final String apiName;
    private final String operationId;

    RefundStep(String apiName, String operationId) {
        this.apiName = apiName;
        this.operationId = operationId;
    }

    /** The step's name in the API ({@code allowedSteps}, X-Allowed-Steps, refusals) and its path segment. */
    public String apiName() {
        return apiName;
    }

    /** The {@code operationId} of the operation that takes the step. */
    public String operationId() {
        return operationId;
    }

}
