package clinic.complaint.api;

import clinic.complaint.application.IdempotencyKeyReused;
import clinic.complaint.application.PersonalDataVault;
import clinic.eventstore.api.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


/**
 * Problem details for the complaint service's own refusals (a step its state does not allow, or that breaks a rule:
 * event-store's {@code ProblemMappers}).
 */
public class ComplaintProblems {

    @ServerExceptionMapper
    public Response customerErased(PersonalDataVault.CustomerErased e) {
        return Problem.unprocessable("customer-erased", e.getMessage(), "customer.ref", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyKeyReused e) {
        return Problem.unprocessable("idempotency-key-reused", e.getMessage(), null, null).toResponse();
    }
}
