package clinic.refund.api;

import clinic.eventstore.security.BranchGuard;
import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.api.CommandHeaders;
import clinic.eventstore.api.Problem;
import clinic.eventstore.config.BranchCalendars;
import clinic.refund.application.EntitlementFromPurchases;
import clinic.refund.application.PaymentDeadlines;
import clinic.refund.application.RefundService;
import clinic.refund.config.RefundPolicyConfig;
import clinic.eventstore.domain.Money;
import clinic.refund.domain.RefundCase;
import clinic.refund.domain.RefundCommand;
import clinic.refund.domain.RefundDecider;
import clinic.refund.domain.RefundRemedy;
import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;
import clinic.refund.domain.entitlement.FxRates;
import clinic.refund.domain.entitlement.HandlingFee;
import clinic.refund.domain.entitlement.RefundReason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The steps of a refund case: review, offers and counter-offers, the written agreement, HQ approval, payments. */
@Path("/refunds/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Refunds", description = RefundResource.TAG)
@RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER}) // every step but HQ's: staff of the case's branch
public class RefundStepResource {

    public record OfferRequest(@NotBlank @Size(max = 30) String amount, RefundRemedy remedy, @Size(max = 4000) String reason,
                               String calculationPolicy) {
    }

    public record CounterOfferRequest(@NotNull RefundCommand.Party party, @NotBlank @Size(max = 30) String amount, RefundRemedy remedy,
                                      @Size(max = 4000) String reason) {
    }

    public record ChannelJson(@NotBlank @Size(max = 200) String channel, @NotBlank @Size(max = 30) String amount) {
    }

    public record AgreeRequest(@NotBlank @Size(max = 30) String amount, RefundRemedy remedy,
                               @NotEmpty @Size(max = 20) List<@Valid @NotNull ChannelJson> channels, LocalDate dueDate) {
    }

    /** {@code reason}: may be left out when the complaint's assessment found the clinic at fault (it is then RESULT_AT_FAULT). */
    public record EntitlementRequestJson(@NotEmpty @Size(max = 200) List<@NotNull UUID> orders, RefundReason reason,
                                         @Size(max = 200) List<CalculationRequest.@Valid @NotNull FeeJson> handlingFees,
                                         @Size(max = 30) String contractFeeCap, @Size(max = 30) String reasonableCosts,
                                         @Size(max = 30) String fxRateAtRefund) {
    }

    public record EscalateRequest(@NotBlank @Size(max = 100) String body, @Size(max = 100) String reference) {
    }

    public record PaymentRequest(@NotBlank @Size(max = 200) String channel, @NotBlank @Size(max = 30) String amount,
                                 @NotBlank @Size(max = 100) String reference) {
    }

    public record ReasonRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    private final RefundService refunds;
    private final Clock clock;
    private final EntitlementFromPurchases entitlements;
    private final PaymentDeadlines deadlines;
    private final CurrentUser user;

    public RefundStepResource(RefundService refunds, Clock clock, EntitlementFromPurchases entitlements,
                              PaymentDeadlines deadlines, CurrentUser user) {
        this.user = user;
        this.deadlines = deadlines;
        this.refunds = refunds;
        this.clock = clock;
        this.entitlements = entitlements;
    }

    @POST
    @Path("/start-review")
    @Operation(operationId = "startRefundReview", summary = "Start the contract review")
    public Response startReview(@PathParam("id") UUID id, @BeanParam @Valid CommandHeaders h) {
        return step(id, h, (by, at, c) -> new RefundCommand.StartReview(by, at));
    }

    @POST
    @Path("/offer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "makeRefundOffer",
            summary = "The clinic's offer (an amount, its remedy, its reason, and the policy version of the "
            + "calculation behind it); without a remedy, all that was paid is a full refund and less a partial one")
    public Response offer(@PathParam("id") UUID id, @NotNull @Valid OfferRequest body, @BeanParam @Valid CommandHeaders h) {
        return step(id, h, (by, at, c) -> new RefundCommand.MakeOffer(money(c, body.amount(), "amount"), body.remedy(),
                body.reason(), body.calculationPolicy(), by, at));
    }

    @POST
    @Path("/counter-offer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "makeRefundCounterOffer",
            summary = "A negotiation round: who, how much, which remedy, why")
    public Response counterOffer(@PathParam("id") UUID id, @NotNull @Valid CounterOfferRequest body,
                                 @BeanParam @Valid CommandHeaders h) {
        return step(id, h, (by, at, c) -> new RefundCommand.CounterOffer(body.party(), money(c, body.amount(), "amount"),
                body.remedy(), body.reason(), by, at));
    }

    @POST
    @Path("/agree")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "agreeRefund",
            summary = "The written agreement: amount, payment channels, due date (default: the branch's policy "
            + "working days); above the branch's policy threshold HQ approves it first")
    public Response agree(@PathParam("id") UUID id, @NotNull @Valid AgreeRequest body, @BeanParam @Valid CommandHeaders h) {
        return step(id, h, (by, at, c) -> {
            List<RefundCommand.ChannelShare> channels = new java.util.ArrayList<>();
            for (int i = 0; i < body.channels().size(); i++) {
                ChannelJson share = body.channels().get(i);
                channels.add(new RefundCommand.ChannelShare(share.channel(), money(c, share.amount(), "channels[" + i + "].amount")));
            }
            return deadlines.agreement(c, money(c, body.amount(), "amount"), body.remedy(), channels, body.dueDate(), by, at);
        });
    }

    @POST
    @Path("/entitlement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordRefundEntitlement",
            summary = "The contract review's calculation from the customer's recorded orders (purchases and what was "
            + "used since) under the policy of the case's branch: itemised, stored on the case with the whole parameter "
            + "set, its hash and the inputs, so it can be re-run later (GET /refunds/{id}/entitlements)")
    public Response entitlement(@PathParam("id") UUID id, @NotNull @Valid EntitlementRequestJson body,
                                @BeanParam @Valid CommandHeaders h) {
        return step(id, h, (by, at, c) -> {
            List<HandlingFee> fees = new java.util.ArrayList<>();
            var given = body.handlingFees() == null ? List.<CalculationRequest.FeeJson>of() : body.handlingFees();
            for (int i = 0; i < given.size(); i++) {
                var f = given.get(i);
                fees.add(new HandlingFee(f.kind(), f.description(), money(c, f.amount(), "handlingFees[" + i + "].amount")));
            }
            BigDecimal fxRateAtRefund = body.fxRateAtRefund() == null ? null
                    : Amounts.rate(body.fxRateAtRefund(), "fxRateAtRefund");
            var basis = new EntitlementFromPurchases.Basis(body.reason(), fees,
                    body.contractFeeCap() == null ? null : money(c, body.contractFeeCap(), "contractFeeCap"),
                    body.reasonableCosts() == null ? null : money(c, body.reasonableCosts(), "reasonableCosts"),
                    fxRateAtRefund);
            return entitlements.command(c, body.orders(), basis, by, at);
        });
    }

    @POST
    @Path("/escalate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "escalateRefund",
            summary = "The customer took the refund to an outside body (consumer association, 12315, mediation...)")
    public Response escalate(@PathParam("id") UUID id, @NotNull @Valid EscalateRequest body, @BeanParam @Valid CommandHeaders h) {
        return step(id, h, (by, at, c) -> new RefundCommand.Escalate(body.body(), body.reference(), by, at));
    }

    @POST
    @Path("/override-assessment")
    @RolesAllowed(Roles.HQ_APPROVER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "overrideRefundAssessment", summary = "HQ sets aside a not-at-fault assessment for this "
            + "case, with the reason on record: a full refund or compensation may then be offered")
    public Response overrideAssessment(@PathParam("id") UUID id, @NotNull @Valid ReasonRequest body,
                                       @BeanParam @Valid CommandHeaders h) {
        return step(id, h, BranchGuard.ANY_BRANCH, (by, at, c) -> new RefundCommand.OverrideAssessment(body.reason(), by, at));
    }

    @POST
    @Path("/approve")
    @RolesAllowed(Roles.HQ_APPROVER)
    @Operation(operationId = "approveRefund",
            summary = "HQ approves an agreement above the threshold (the caller approves: hq-approver only)")
    public Response approve(@PathParam("id") UUID id, @BeanParam @Valid CommandHeaders h) {
        return step(id, h, BranchGuard.ANY_BRANCH, (by, at, c) -> new RefundCommand.ApproveAgreement(by, at));
    }

    @POST
    @Path("/record-payment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordRefundPayment",
            summary = "Finance confirms a payment on one channel; the last one settles the refund")
    public Response recordPayment(@PathParam("id") UUID id, @NotNull @Valid PaymentRequest body,
                                  @BeanParam @Valid CommandHeaders h) {
        return step(id, h, (by, at, c) -> new RefundCommand.RecordPayment(body.channel(), money(c, body.amount(), "amount"),
                body.reference(), by, at));
    }

    @POST
    @Path("/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectRefund",
            summary = "Reject the refund request, with the reason given to the customer")
    public Response reject(@PathParam("id") UUID id, @NotNull @Valid ReasonRequest body, @BeanParam @Valid CommandHeaders h) {
        return step(id, h, (by, at, c) -> new RefundCommand.Reject(body.reason(), by, at));
    }

    @POST
    @Path("/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "withdrawRefund", summary = "The customer withdraws the refund request")
    public Response withdraw(@PathParam("id") UUID id, @NotNull @Valid ReasonRequest body, @BeanParam @Valid CommandHeaders h) {
        return step(id, h, (by, at, c) -> new RefundCommand.Withdraw(body.reason(), by, at));
    }

    /** A step's command, made from who takes it, when, and the case as it stands. */
    @FunctionalInterface
    interface StepCommand {
        RefundCommand make(String by, Instant at, RefundCase current);
    }

    /** A branch step: by staff of the case's branch. */
    private Response step(UUID id, CommandHeaders h, StepCommand command) {
        return step(id, h, user, command);
    }

    /** A step, its branch checked by {@code guard} on the case as stored, before anything else is told of it. */
    private Response step(UUID id, CommandHeaders h, BranchGuard guard, StepCommand command) {
        String actor = user.actor();
        UUID correlation = h.correlation();
        Instant at = clock.instant();
        var view = refunds.step(id, h.expectedVersion(), at, guard, current -> command.make(actor, at, current),
                current -> new EventMetadata(current.branchId(), actor, correlation, null));
        return Response.ok(RefundResponse.of(view.refund(), view.version()))
                .tag(String.valueOf(view.version()))
                .header("X-Allowed-Steps", String.join(",", RefundDecider.allowedSteps(view.refund())))
                .build();
    }

    /** An amount of the request, in the currency the customer paid the case in. */
    private static Money money(RefundCase current, String amount, String field) {
        return Amounts.money(amount, field, current.amountPaid().currency());
    }
}
