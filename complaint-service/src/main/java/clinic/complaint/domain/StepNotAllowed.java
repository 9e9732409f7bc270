package clinic.complaint.domain;

import java.util.List;

/** A step asked of a case in a state that does not allow it; says which steps the state does allow. */
public final class StepNotAllowed extends RuntimeException {

    private final String step;
    private final ComplaintStatus status;
    private final List<String> allowedSteps;

    public StepNotAllowed(String step, ComplaintStatus status, List<String> allowedSteps) {
        super("'" + step + "' is not allowed while the complaint is " + status
                + (allowedSteps.isEmpty() ? "" : "; allowed: " + String.join(", ", allowedSteps)));
        this.step = step;
        this.status = status;
        this.allowedSteps = List.copyOf(allowedSteps);
    }

    public String step() {
        return step;
    }

    public ComplaintStatus status() {
        return status;
    }

    public List<String> allowedSteps() {
        return allowedSteps;
    }
}
