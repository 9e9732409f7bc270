package clinic.followup.api;

import clinic.eventstore.api.Problem;
import clinic.followup.domain.StepRefused;
import jakarta.ws.rs.core.Response;


/** A refused step as problem details: 409 with the state and the allowed steps, or 422 naming the field. */
final class FollowUpProblems {

    private FollowUpProblems() {
    }

    static Response of(StepRefused e) {
        if (e.isConflict()) {
            return Problem.of(Response.Status.CONFLICT, "step-not-allowed", e.getMessage())
                    .withState(e.state(), e.allowed()).toResponse();
        }
        return Problem.unprocessable("step-rejected", e.getMessage(), e.field(), e.getMessage()).toResponse();
    }
}
