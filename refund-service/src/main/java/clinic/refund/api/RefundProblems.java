package clinic.refund.api;

import clinic.eventstore.api.Problem;
import clinic.refund.domain.RefundRuleBroken;
import clinic.refund.domain.RefundStepNotAllowed;
import clinic.refund.domain.purchase.PurchaseFactRejected;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problem details for the refund service's own refusals, wherever they are thrown. */
public class RefundProblems {

    @ServerExceptionMapper
    public Response stepNotAllowed(RefundStepNotAllowed e) {
        return Problem.of(Response.Status.CONFLICT, "step-not-allowed", e.getMessage())
                .withState(e.status().name(), e.allowedSteps()).toResponse();
    }

    @ServerExceptionMapper
    public Response ruleBroken(RefundRuleBroken e) {
        return Problem.unprocessable("step-rejected", e.getMessage(), e.field(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response purchaseFactRejected(PurchaseFactRejected e) {
        return Problem.unprocessable("purchase-fact-rejected", e.getMessage(), e.field(), e.getMessage()).toResponse();
    }
}
