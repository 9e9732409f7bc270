package clinic.refund.api;

import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.api.CommandHeaders;
import clinic.eventstore.api.Problem;
import clinic.refund.application.PurchaseService;
import clinic.refund.config.RefundPolicyConfig;
import clinic.refund.domain.purchase.PurchaseFactRejected;
import clinic.refund.projection.PurchaseRow;
import clinic.eventstore.api.ListFilter;
import io.quarkus.panache.common.Sort;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Purchase facts over HTTP: what staff enter during a contract review when the branch system did not publish it
 * (branch systems publish to {@code branch-purchases}; both end in the same place).
 */
@Path("/purchases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Purchases", description = "Purchase facts (orders and what was used since) that refund entitlements "
        + "are calculated from")
@RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER}) // recording: staff of the order's branch
public class PurchaseResource {

    private final PurchaseService purchases;
    private final RefundPolicyConfig policy;
    private final Clock clock;
    private final CurrentUser user;

    public PurchaseResource(PurchaseService purchases, RefundPolicyConfig policy, Clock clock, CurrentUser user) {
        this.purchases = purchases;
        this.policy = policy;
        this.clock = clock;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordPurchase",
            summary = "Record an order: 201 the first time, 200 when the same order was recorded before, 422 when "
            + "an order of that number was recorded with other content")
    @APIResponse(responseCode = "200", description = "The same order was recorded before",
            content = @Content(schema = @Schema(implementation = PurchaseResponse.class)))
    @APIResponse(responseCode = "201", description = "The order, recorded",
            content = @Content(schema = @Schema(implementation = PurchaseResponse.class)))
    @APIResponse(responseCode = "422", ref = "UnprocessableContent") // an order of that number with other content
    @Parameter(name = CommandHeaders.IF_MATCH, in = ParameterIn.HEADER, hidden = true) // only steps read it
    public Response record(@NotNull(message = "a JSON body is required") @Valid PurchaseRequest body,
                           @BeanParam @Valid CommandHeaders h, @jakarta.ws.rs.core.Context UriInfo uri) {
        user.requireWorksFor(body.branchId());
        var view = purchases.record(body.toCommand(policy.reportingCurrency()),
                new EventMetadata(body.branchId(), user.actor(), h.correlation(), null), clock.instant());
        var response = PurchaseResponse.of(view.purchase(), view.version());
        if (view.outcome() == PurchaseService.Outcome.ALREADY_RECORDED) {
            return Response.ok(response).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(view.purchase().id().toString()).build())
                .entity(response).build();
    }

    @POST
    @Path("/{id}/usage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordPurchaseUsage",
            summary = "Record what was used after the sale (sessions redeemed, balance used, treatment performed, "
            + "product returned, instalments repaid); the same usageId again changes nothing")
    @Parameter(name = CommandHeaders.IF_MATCH, in = ParameterIn.HEADER, hidden = true) // only steps read it
    public PurchaseResponse usage(@PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid UsageRequest body,
                                  @BeanParam @Valid CommandHeaders h) {
        var current = purchases.get(id).purchase();
        user.requireWorksFor(current.branchId()); // an order's branch never changes
        Instant now = clock.instant();
        UUID key = UUID.nameUUIDFromBytes(("usage:" + id + ":" + body.usageId()).getBytes(StandardCharsets.UTF_8));
        var view = purchases.recordUsage(id, body.toCommand(current.currency(), now), key,
                new EventMetadata(current.branchId(), user.actor(), h.correlation(), null), now);
        return PurchaseResponse.of(view.purchase(), view.version());
    }

    @GET
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "listPurchases", summary = "A customer's orders (and/or a branch's), newest first")
    public List<PurchaseResponse> list(@QueryParam("customerRef") String customerRef, @QueryParam("branch") String branch) {
        if (customerRef == null && branch == null) {
            throw new clinic.eventstore.api.InvalidField("customerRef", "give a customerRef or a branch");
        }
        ListFilter filter = new ListFilter().equal("customerRef", customerRef).oneOf("branchId", user.listScope(branch));
        return PurchaseRow.<PurchaseRow>find(filter.where(), Sort.descending("purchasedAt"), filter.params())
                .page(0, 200).list().stream().map(PurchaseResponse::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "getPurchase", summary = "One order, with what has been used of each line: now, or as "
            + "it was at a past moment (asOf) or after a given event (version)")
    @APIResponse(responseCode = "200", description = "The order (ETag: its version)",
            content = @Content(schema = @Schema(implementation = PurchaseResponse.class)))
    public Response get(@PathParam("id") UUID id,
                        @QueryParam("asOf") String asOf,
                        @QueryParam("version") @Pattern(regexp = "[1-9][0-9]{0,8}") String version) {
        PurchaseService.PurchaseView view;
        Instant at = ListFilter.instant("asOf", asOf);
        if (at != null) {
            view = purchases.getAsOf(id, at);
        } else if (version != null) {
            view = purchases.getAtVersion(id, Long.parseLong(version));
        } else {
            view = purchases.get(id);
        }
        user.requireRead(view.purchase().branchId());
        return Response.ok(PurchaseResponse.of(view.purchase(), view.version()))
                .tag(String.valueOf(view.version())).build();
    }

    @POST
    @Path("/read-model/rebuild")
    @RolesAllowed(Roles.OPERATIONS)
    @Operation(operationId = "rebuildPurchaseList",
            summary = "Operations: rebuild the purchase list from the event store")
    public clinic.eventstore.projection.RebuildProgress rebuild(
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "from the first stream, even when an earlier rebuild stopped half way (it goes on from there otherwise)") @jakarta.ws.rs.QueryParam("restart") boolean restart) {
        return purchases.rebuildList(restart);
    }

}
