package clinic.complaint.api;

import clinic.complaint.application.ComplaintNotFound;
import clinic.complaint.application.IdempotencyKeyReused;
import clinic.complaint.application.PersonalDataVault;
import clinic.complaint.domain.CommandRejected;
import clinic.complaint.domain.StepNotAllowed;
import clinic.eventstore.api.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Problem details for the complaint service's own refusals. */
public class ComplaintProblems {

    @ServerExceptionMapper
    public Response notFound(ComplaintNotFound e) {
        return Problem.of(Response.Status.NOT_FOUND, "complaint-not-found", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response stepNotAllowed(StepNotAllowed e) {
        return Problem.of(Response.Status.CONFLICT, "step-not-allowed", e.getMessage())
                .withState(e.status().name(), e.allowedSteps()).toResponse();
    }

    @ServerExceptionMapper
    public Response commandRejected(CommandRejected e) {
        return new Problem("urn:clinic:problem:step-rejected", "Unprocessable Content", 422,
                "'" + e.step() + "' refused: " + e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage())), null, null, null).toResponse();
    }

    @ServerExceptionMapper
    public Response customerErased(PersonalDataVault.CustomerErased e) {
        return new Problem("urn:clinic:problem:customer-erased", "Unprocessable Content", 422, e.getMessage(),
                List.of(new Problem.FieldError("customer.ref", e.getMessage())), null, null, null).toResponse();
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReused e) {
        return new Problem("urn:clinic:problem:idempotency-key-reused", "Unprocessable Content", 422, e.getMessage(),
                null, null, null, null).toResponse();
    }
}
