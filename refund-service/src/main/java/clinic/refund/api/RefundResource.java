package clinic.refund.api;

import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.Problem;
import clinic.refund.config.RefundPolicyConfig;
import clinic.refund.domain.entitlement.EntitlementCalculator;
import clinic.refund.projection.RefundCaseRow;
import clinic.refund.application.RefundService;
import io.quarkus.panache.common.Sort;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Refund cases over HTTP. */
@Path("/refunds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Refunds")
public class RefundResource {

    private final RefundService refunds;
    private final RefundPolicyConfig policy;

    public RefundResource(RefundService refunds, RefundPolicyConfig policy) {
        this.refunds = refunds;
        this.policy = policy;
    }

    @GET
    @Operation(summary = "The refund cases of a complaint")
    public List<RefundResponse> list(@QueryParam("complaintId") @NotNull String complaintId) {
        return RefundCaseRow.<RefundCaseRow>list("complaintId", Sort.by("requestedAt"), InvalidField.uuid("complaintId", complaintId)).stream()
                .map(RefundResponse::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One refund case")
    public Response get(@PathParam("id") UUID id) {
        RefundCaseRow row = RefundCaseRow.findById(id);
        if (row == null) {
            return Problem.of(Response.Status.NOT_FOUND, "refund-not-found", "no refund case " + id).toResponse();
        }
        return Response.ok(RefundResponse.of(row)).build();
    }

    @POST
    @Path("/calculate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview a refund entitlement: itemised, with the rule and policy version of each line; opens nothing")
    public CalculationResponse calculate(@NotNull(message = "a JSON body is required") @Valid CalculationRequest body) {
        try {
            return CalculationResponse.of(EntitlementCalculator.calculate(body.toDomain(policy.reportingCurrency()), policy.policy()));
        } catch (EntitlementCalculator.InvalidEntitlementRequest e) {
            throw new InvalidField(e.field(), e.getMessage());
        }
    }

    @POST
    @Path("/read-model/rebuild")
    @Operation(summary = "Operations: rebuild the refund list from the event store (after a fix to the projection)")
    public Map<String, Long> rebuild() {
        return Map.of("streamsReplayed", refunds.rebuildList());
    }
}
