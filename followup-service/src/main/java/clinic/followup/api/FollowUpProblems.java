package clinic.followup.api;

import clinic.eventstore.api.Problem;
import clinic.followup.domain.StepRefused;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


/** Problem details for the follow-up service's own refusals, wherever they are thrown. */
public class FollowUpProblems {

    /** A refused step: 409 with the state and the allowed steps, or 422 naming the field. */
    @ServerExceptionMapper
    public Response refused(StepRefused e) {
        if (e.isConflict()) {
            return Problem.of(Response.Status.CONFLICT, "step-not-allowed", e.getMessage())
                    .withState(e.state(), e.allowed()).toResponse();
        }
        return Problem.unprocessable("step-rejected", e.getMessage(), e.field(), e.getMessage()).toResponse();
    }
}
