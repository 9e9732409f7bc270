package clinic.followup.domain;

/**
 * The steps a member of staff takes on a follow-up task through the API: each with its API name (the last segment of
 * its path, {@code POST /followups/{id}/<name>}) and the {@code operationId} of its operation in the OpenAPI document.
 * {@link FollowUpDecider#allowedSteps} names these. Scheduling, the task falling due and cancelling follow what
 * happened elsewhere (complaint and refund events, the scheduler): none of them is a step.
 */
public enum FollowUpStep implements clinic.eventstore.domain.ApiStep {
    ASSIGN("assign", "assignFollowUp"),
    CALLS("calls", "recordFollowUpCall");

    private final String apiName;
    private final String operationId;

    FollowUpStep(String apiName, String operationId) {
        this.apiName = apiName;
        this.operationId = operationId;
    }

    /** The step's name in the API ({@code allowedSteps}, refusals) and its path segment. */
    public String apiName() {
        return apiName;
    }

    /** The {@code operationId} of the operation that takes the step. */
    public String operationId() {
        return operationId;
    }

}
