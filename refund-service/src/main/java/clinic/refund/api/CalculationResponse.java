package clinic.refund.api;

import clinic.refund.domain.entitlement.Entitlement;
import clinic.refund.domain.entitlement.RefundPolicy;
import clinic.refund.domain.entitlement.RefundReason;

import java.util.List;

/**
 * An itemised entitlement, amounts as decimal strings in {@code currency}; {@code policy} the whole parameter set it
 * was calculated with ({@code policyVersion} its label) and {@code policyHash} its SHA-256, both null for a calculation
 * recorded before parameter sets were kept.
 */
public record CalculationResponse(String policyVersion, RefundReason reason, String currency, List<Line> lines,
                                  String refund, String compensation, String total, List<Allocation> allocation,
                                  Fx fx, String policyHash, Policy policy) {

    /** The parameters of a refund policy, named as in {@code refund.policy.*}. */
    public record Policy(String version, int handlingFeeCapBasisPoints, int interestBasisPointsPerYear,
                         RefundPolicy.PointsTreatment points, RefundPolicy.CouponTreatment coupons,
                         RefundPolicy.FxDifference fxDifference) {
        static Policy of(RefundPolicy p) {
            return p == null ? null : new Policy(p.version(), p.handlingFeeCapBasisPoints(),
                    p.interestBasisPointsPerYear(), p.points(), p.coupons(), p.fxDifference());
        }
    }

    /** The exchange rates of a foreign-currency refund; {@code difference} is in the reporting currency. */
    public record Fx(String reportingCurrency, String rateAtPayment, String rateAtRefund, String difference,
                     String borneBy) {
    }

    public record Line(String what, String amount, String rule) {
    }

    public record Allocation(String channel, String amount, String note) {
    }

    static CalculationResponse of(Entitlement e) {
        String currency = e.total().currency();
        return new CalculationResponse(e.policyVersion(), e.reason(), currency,
                e.lines().stream().map(l -> new Line(l.what(), Amounts.decimal(l.amountMinor(), currency), l.rule())).toList(),
                Amounts.decimal(e.refund()), Amounts.decimal(e.compensation()), Amounts.decimal(e.total()),
                e.allocation().stream().map(a -> new Allocation(a.channel(), Amounts.decimal(a.amountMinor(), currency), a.note())).toList(),
                e.fx() == null ? null : new Fx(e.fx().reportingCurrency(), e.fx().rateAtPayment().toPlainString(),
                        e.fx().rateAtRefund().toPlainString(),
                        Amounts.decimal(e.fx().differenceReportingMinor(), e.fx().reportingCurrency()), e.fx().borneBy().name()),
                e.policyHash(), Policy.of(e.policy()));
    }
}
