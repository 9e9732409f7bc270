package clinic.refund.domain;

import java.util.List;

/** A step asked of a refund case in a state that does not allow it, with the steps it does allow. */
public final class RefundStepNotAllowed extends RuntimeException {

    private final RefundStatus status;
    private final List<String> allowedSteps;

    public RefundStepNotAllowed(String step, RefundStatus status, List<String> allowedSteps) {
        super("'" + step + "' is not allowed while the refund is " + status
                + (allowedSteps.isEmpty() ? "" : "; allowed: " + String.join(", ", allowedSteps)));
        this.status = status;
        this.allowedSteps = List.copyOf(allowedSteps);
    }

    public RefundStatus status() {
        return status;
    }

    public List<String> allowedSteps() {
        return allowedSteps;
    }
}
