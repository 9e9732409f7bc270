package clinic.complaint.api;

import clinic.complaint.application.IdempotencyKeyReused;
import clinic.complaint.application.PersonalDataVault;
import clinic.complaint.domain.CommandRejected;
import clinic.complaint.domain.StepNotAllowed;
import clinic.eventstore.api.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


/** Problem details for the complaint service's own refusals. */
public class ComplaintProblems {

    @ServerExceptionMapper
    public Response stepNotAllowed(StepNotAllowed e) {
        return Problem.of(Response.Status.CONFLICT, "step-not-allowed", e.getMessage())
                .withState(e.status().name(), e.allowedSteps()).toResponse();
    }

    @ServerExceptionMapper
    public Response commandRejected(CommandRejected e) {
        return Problem.unprocessable("step-rejected", "'" + e.step() + "' refused: " + e.getMessage(), e.field(),
                e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response customerErased(PersonalDataVault.CustomerErased e) {
        return Problem.unprocessable("customer-erased", e.getMessage(), "customer.ref", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReused e) {
        return Problem.unprocessable("idempotency-key-reused", e.getMessage(), null, null).toResponse();
    }
}
