package clinic.followup.domain;

/**
 * The steps a customer takes on a survey through the API: answering it, from the survey page's form
 * ({@code POST /surveys/{token}}: the page's own path, no step segment), with the {@code operationId} of its
 * operation in the OpenAPI document. Scheduling, sending, expiring and cancelling are the service's own.
 */
public enum SurveyStep implements clinic.eventstore.domain.ApiStep {
    ANSWER("answer", "answerSurvey");

    private final String apiName;
    private final String operationId;

    SurveyStep(String apiName, String operationId) {
        this.apiName = apiName;
        this.operationId = operationId;
    }

    /** The step's name in refusals. */
    public String apiName() {
        return apiName;
    }

    /** The {@code operationId} of the operation that takes the step. */
    public String operationId() {
        return operationId;
    }
}
