package clinic.complaint.domain;

/**
 * The steps a user takes on a complaint case through the API: each with its API name (the last segment of its path,
 * {@code POST /complaints/{id}/<name>}; filing is {@code POST /complaints}) and the {@code operationId} of its
 * operation in the OpenAPI document. {@link ComplaintDecider#allowedSteps} names these; the commands the system gives
 * itself ({@link ComplaintCommand.Automatic}) are not steps.
 */
public enum ComplaintStep implements clinic.eventstore.domain.ApiStep {
    FILE("file", "fileComplaint"),
    ACKNOWLEDGE("acknowledge", "acknowledgeComplaint"),
    ASSESS("assess", "assessComplaint"),
    CLOSE_OUT_OF_SCOPE("close-out-of-scope", "closeComplaintOutOfScope"),
    START_INVESTIGATION("start-investigation", "startComplaintInvestigation"),
    WAIT("wait", "startComplaintWait"),
    RESUME("resume", "resumeComplaint"),
    ADD_EVIDENCE("add-evidence", "addComplaintEvidence"),
    REQUEST_ASSESSMENT("request-assessment", "requestComplaintAssessment"),
    RECORD_ASSESSMENT("record-assessment", "recordComplaintAssessment"),
    PROPOSE_REMEDY("propose-remedy", "proposeComplaintRemedy"),
    COUNTER_OFFER("counter-offer", "makeComplaintCounterOffer"),
    AGREE("agree", "agreeComplaint"),
    RESOLVE("resolve", "resolveComplaint"),
    CLOSE("close", "closeComplaint"),
    REOPEN("reopen", "reopenComplaint"),
    WITHDRAW("withdraw", "withdrawComplaint"),
    ESCALATE("escalate", "escalateComplaint"),
    RECORD_ESCALATION_OUTCOME("record-escalation-outcome", "recordComplaintEscalationOutcome");

    private final String apiName;
    private final String operationId;

    ComplaintStep(String apiName, String operationId) {
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
