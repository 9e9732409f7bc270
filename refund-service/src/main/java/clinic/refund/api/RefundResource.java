package clinic.refund.api;

import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.ListFilter;
import clinic.eventstore.api.Paging;
import jakarta.ws.rs.BeanParam;
import clinic.refund.domain.RefundDecider;
import clinic.refund.domain.RefundStatus;
import clinic.refund.config.RefundPolicyConfig;
import clinic.refund.domain.entitlement.EntitlementCalculator;
import clinic.refund.projection.RefundCaseRow;
import clinic.refund.application.RefundService;
import io.quarkus.panache.common.Sort;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Refund cases over HTTP. */
@Path("/refunds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Refunds", description = RefundResource.TAG)
public class RefundResource {

    static final String TAG = "Refund cases: the list, a case, its steps (review, entitlement, offers, agreement, "
            + "approval, payments) and its entitlement calculations";

    private final RefundService refunds;
    private final RefundPolicyConfig policy;
    private final CurrentUser user;

    public RefundResource(RefundService refunds, RefundPolicyConfig policy, CurrentUser user) {
        this.refunds = refunds;
        this.policy = policy;
        this.user = user;
    }

    /** One page of the refund list, newest first, with how many cases match in all. */
    public record RefundPage(List<RefundResponse> items, int page, int size, long total) {
    }

    @GET
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "listRefunds",
            summary = "Refund cases, newest first, filtered by complaint, branch, state, overdue, amount at stake "
            + "(agreed, else last offer, else paid; decimal in the case's currency) and request date")
    public RefundPage list(@QueryParam("complaintId") String complaintId, @QueryParam("branch") String branch,
                           @QueryParam("status") String status, @QueryParam("overdue") String overdue,
                           @QueryParam("currency") String currency,
                           @QueryParam("minAmount") String minAmount, @QueryParam("maxAmount") String maxAmount,
                           @QueryParam("requestedFrom") String requestedFrom, @QueryParam("requestedTo") String requestedTo,
                           @BeanParam Paging paging) {
        if ((minAmount != null || maxAmount != null) && currency == null) {
            throw new InvalidField("currency", "an amount range needs the currency it is in");
        }
        java.util.Currency c = currency == null ? null : Amounts.currency(currency, "currency");
        RefundStatus state = InvalidField.enumValue("status", RefundStatus.class, status);
        ListFilter filter = new ListFilter()
                .equal("complaintId", complaintId == null ? null : InvalidField.uuid("complaintId", complaintId))
                .oneOf("branchId", user.listScope(branch))
                .equal("status", state == null ? null : state.name())
                .equal("overdue", InvalidField.bool("overdue", overdue))
                .equal("currency", currency)
                .atLeast("amountMinor", minAmount == null ? null : Amounts.money(minAmount, "minAmount", c).minorUnits())
                .atMost("amountMinor", maxAmount == null ? null : Amounts.money(maxAmount, "maxAmount", c).minorUnits())
                .atLeast("requestedAt", ListFilter.instant("requestedFrom", requestedFrom))
                .below("requestedAt", ListFilter.instant("requestedTo", requestedTo));
        var query = RefundCaseRow.<RefundCaseRow>find(filter.where(), Sort.descending("requestedAt").and("id"),
                filter.params());
        return new RefundPage(query.page(paging.index(), paging.size()).list().stream().map(RefundResponse::of).toList(),
                paging.index(), paging.size(), query.count());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "getRefund",
            summary = "One refund case, whole (negotiation rounds, agreement, payments, the entitlement and its "
            + "orders): now, or as it was at a past moment (asOf) or after a given event (version)")
    public Response get(@PathParam("id") UUID id,
                        @QueryParam("asOf") String asOf,
                        @QueryParam("version") @Pattern(regexp = "[1-9][0-9]{0,8}") String version) {
        RefundService.RefundView view;
        Instant at = ListFilter.instant("asOf", asOf);
        if (at != null) {
            view = refunds.getAsOf(id, at);
        } else if (version != null) {
            view = refunds.getAtVersion(id, Long.parseLong(version));
        } else {
            view = refunds.get(id);
        }
        user.requireRead(view.refund().branchId());
        return Response.ok(RefundResponse.of(view.refund(), view.version())).tag(String.valueOf(view.version()))
                .header("X-Allowed-Steps", String.join(",", RefundDecider.allowedSteps(view.refund()))).build();
    }

    @POST
    @Path("/calculate")
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewRefundEntitlement",
            summary = "Preview a refund entitlement: itemised, with the rule of each line, under the policy of "
            + "branchId if given (its overrides over the chain's; else the chain's), with that parameter set and its "
            + "hash; opens nothing")
    @APIResponse(responseCode = "200", description = "The itemised entitlement")
    @APIResponse(responseCode = "422", ref = "UnprocessableContent") // the calculation's rules refuse it
    public CalculationResponse calculate(@NotNull(message = "a JSON body is required") @Valid CalculationRequest body) {
        if (body.branchId() != null) {
            user.requireRead(body.branchId()); // a branch's policy: its staff, or HQ
        }
        try {
            return CalculationResponse.of(EntitlementCalculator.calculate(body.toDomain(policy.reportingCurrency()),
                    policy.policy(body.branchId())));
        } catch (EntitlementCalculator.InvalidEntitlementRequest e) {
            // well-formed, but the calculation's rules refuse it (payments that do not add up, an amount past the
            // ceiling, interest over more than 30 years): 422 with the field and why
            throw new clinic.eventstore.domain.RuleBroken(e.field(), e.getMessage());
        }
    }

    @POST
    @Path("/read-model/rebuild")
    @RolesAllowed(Roles.OPERATIONS)
    @Operation(operationId = "rebuildRefundList",
            summary = "Operations: rebuild the refund list from the event store (after a fix to the projection)")
    public clinic.eventstore.projection.RebuildProgress rebuild(
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "from the first stream, even when an earlier rebuild stopped half way (it goes on from there otherwise)") @jakarta.ws.rs.QueryParam("restart") boolean restart) {
        return refunds.rebuildList(restart);
    }
}
