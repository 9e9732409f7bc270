package clinic.followup.api;

import clinic.eventstore.api.Problem;
import clinic.followup.domain.StepRefused;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** A refused step as problem details: 409 with the state and the allowed steps, or 422 naming the field. */
final class FollowUpProblems {

    private FollowUpProblems() {
    }

    static Response of(StepRefused e) {
        if (e.isConflict()) {
            return Problem.of(Response.Status.CONFLICT, "step-not-allowed", e.getMessage())
                    .withState(e.state(), e.allowed()).toResponse();
        }
        return new Problem("urn:clinic:problem:step-rejected", "Unprocessable Content", 422, e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage())), null, null, null).toResponse();
    }
}
