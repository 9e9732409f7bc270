package clinic.refund.api;

import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import clinic.eventstore.api.Problem;
import clinic.refund.application.EntitlementHistory;
import clinic.refund.domain.entitlement.Entitlement;
import clinic.refund.domain.entitlement.Rerun;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The entitlement calculations of a refund case, every one with the parameter set and inputs it kept, and a
 * calculation re-run: with what it kept (it must reproduce what was recorded) and under the branch's policy now.
 */
@Path("/refunds/{id}/entitlements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Refunds", description = RefundResource.TAG)
@RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
        Roles.PRIVACY_OFFICER})
public class RefundEntitlementResource {

    /** Why an old calculation has no parameter set, inputs or re-run. */
    static final String RECORDED_BEFORE = "recorded before parameter sets were kept: only its policy version is known, "
            + "and it cannot be re-run";

    /** A case's calculations, oldest first (newest last). */
    public record HistoryResponse(UUID refundId, String branchId, long version, List<CalculationJson> calculations) {
    }

    /**
     * One calculation: its number, the stream version of its event, who made it when from which orders, the result
     * (lines, totals, {@code policy} parameters, {@code policyHash}) and the {@code inputs} it was calculated from, in
     * the shape of {@code POST /refunds/calculate}; {@code note} says why an old one has neither.
     */
    public record CalculationJson(int n, long version, Instant calculatedAt, String by, List<UUID> orders,
                                  boolean rerunnable, CalculationResponse entitlement, CalculationRequest inputs,
                                  String note) {
    }

    /**
     * Calculation {@code n} re-run. {@code reproduced}: the stored inputs under the stored parameters give exactly the
     * stored result ({@code rerun}); {@code current}: the same inputs under the branch's policy now. For a calculation
     * recorded before parameter sets were kept, {@code reproduced}, {@code rerun} and {@code current} are null and
     * {@code note} says why.
     */
    public record ExplanationResponse(UUID refundId, int n, String branchId, Instant calculatedAt,
                                      CalculationResponse recorded, Boolean reproduced, CalculationResponse rerun,
                                      Current current, String note) {
    }

    /**
     * The same inputs under the branch's policy in force now: which parameters differ from the recorded set
     * ({@code samePolicy}: none, whatever the labels), the result, the lines whose amount differs and the difference of
     * the totals (current less recorded: positive, the customer would get more today).
     */
    public record Current(String policyHash, CalculationResponse.Policy policy, boolean samePolicy,
                          List<ParameterDifference> parameterDifferences, CalculationResponse result,
                          List<LineDifference> lineDifferences, Totals difference) {
    }

    public record ParameterDifference(String parameter, String recorded, String current) {
    }

    /** A line matched by its rule (and place among that rule's lines); an amount is null where there is no such line. */
    public record LineDifference(String rule, String what, String recorded, String current, String difference) {
    }

    public record Totals(String refund, String compensation, String total) {
    }

    private final EntitlementHistory history;
    private final CurrentUser user;

    public RefundEntitlementResource(EntitlementHistory history, CurrentUser user) {
        this.history = history;
        this.user = user;
    }

    @GET
    @Operation(operationId = "listRefundEntitlements", summary = "Every entitlement calculated for the case, newest "
            + "last: its lines and totals, the whole policy parameter set it used with its SHA-256 (policyHash), and "
            + "the inputs it was calculated from (null, with a note, for one recorded before parameter sets were kept)")
    @APIResponse(responseCode = "200", description = "the case's calculations (none yet: an empty list)")
    @APIResponse(responseCode = "404", description = "no such refund case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HistoryResponse list(@PathParam("id") UUID id) {
        var h = history.of(id);
        user.requireRead(h.branchId());
        return new HistoryResponse(h.refundId(), h.branchId(), h.version(), h.calculations().stream()
                .map(c -> json(c, h.branchId())).toList());
    }

    @GET
    @Path("/{n}/explain")
    @Operation(operationId = "explainRefundEntitlement", summary = "Re-run calculation n (from 1) of the case with "
            + "its stored inputs and stored parameters (reproduced: true when that gives exactly the stored result), "
            + "and with the same inputs under the branch's parameters now: which parameters differ, the lines whose "
            + "amount differs and the difference of the totals. Stores nothing")
    @APIResponse(responseCode = "200", description = "the calculation, its re-run and the comparison")
    @APIResponse(responseCode = "404", description = "no such refund case, or no calculation n of it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "the stored inputs break a rule the calculation has gained since",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ExplanationResponse explain(@PathParam("id") UUID id, @PathParam("n") int n) {
        var h = history.of(id);
        user.requireRead(h.branchId()); // before anything of the case is told, even which n it has
        var x = history.explain(h, n);
        var event = x.calculation().event();
        CalculationResponse recorded = CalculationResponse.of(event.entitlement());
        Rerun r = x.rerun();
        if (r == null) {
            return new ExplanationResponse(id, n, x.branchId(), event.calculatedAt(), recorded, null, null, null,
                    RECORDED_BEFORE);
        }
        String currency = event.entitlement().total().currency();
        Entitlement now = r.underCurrent();
        var current = new Current(now.policyHash(), CalculationResponse.Policy.of(r.current()),
                r.parameterDifferences().isEmpty(),
                r.parameterDifferences().stream().map(d -> new ParameterDifference(d.parameter(), d.was(), d.is())).toList(),
                CalculationResponse.of(now),
                r.lineDifferences().stream().map(d -> new LineDifference(d.rule(), d.what(), amount(d.recordedMinor(), currency),
                        amount(d.currentMinor(), currency), Amounts.decimal(d.differenceMinor(), currency))).toList(),
                new Totals(Amounts.decimal(r.refundDifferenceMinor(), currency),
                        Amounts.decimal(r.compensationDifferenceMinor(), currency),
                        Amounts.decimal(r.totalDifferenceMinor(), currency)));
        return new ExplanationResponse(id, n, x.branchId(), event.calculatedAt(), recorded, r.reproduced(),
                CalculationResponse.of(r.rerun()), current, null);
    }

    private static CalculationJson json(EntitlementHistory.Calculation c, String branchId) {
        var e = c.event();
        Entitlement entitlement = e.entitlement();
        return new CalculationJson(c.n(), c.version(), e.calculatedAt(), e.by(), e.orders(), entitlement.rerunnable(),
                CalculationResponse.of(entitlement),
                entitlement.inputs() == null ? null : CalculationRequest.of(entitlement.inputs(), branchId),
                entitlement.rerunnable() ? null : RECORDED_BEFORE);
    }

    private static String amount(Long minor, String currency) {
        return minor == null ? null : Amounts.decimal(minor, currency);
    }
}
