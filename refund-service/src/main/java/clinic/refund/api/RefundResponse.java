package clinic.refund.api;

import clinic.refund.projection.RefundCaseRow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A refund case as the API shows it. */
public record RefundResponse(UUID id, UUID complaintId, String branchId, String status, String kind,
                             Amount amountPaid, Amount agreedAmount, String agreedRemedy, java.time.LocalDate dueDate,
                             Amount paid,
                             boolean overdue, Instant requestedAt, long version, List<OfferJson> offers,
                             List<ChannelShareJson> channels, List<UUID> orders, CalculationResponse entitlement,
                             AssessmentJson assessment) {

    /**
     * The complaint's third-party assessment as the case follows it: the finding, who made it, when it was recorded,
     * and HQ's override of a not-at-fault finding (reason and who), if any.
     */
    public record AssessmentJson(String finding, String assessor, Instant recordedAt, String overrideReason,
                                 String overriddenBy) {
    }

    /** A negotiation round. */
    public record OfferJson(String party, Amount amount, String remedy, String reason, String by, Instant at) {
    }

    /** A part of the agreed amount and its payment channel. */
    public record ChannelShareJson(String channel, Amount amount) {
    }

    /** Money as people write it: {@code {"amount": "12800.00", "currency": "CNY"}}. */
    public record Amount(String amount, String currency) {
        static Amount of(long minorUnits, String currency) {
            return new Amount(Amounts.decimal(minorUnits, currency), currency);
        }
    }

    /** From the case's state, as a step left it. */
    static RefundResponse of(clinic.refund.domain.RefundCase c, long version) {
        String currency = c.amountPaid().currency();
        var agreement = c.agreement();
        return new RefundResponse(c.id(), c.complaintId(), c.branchId(), c.status().name(), c.kind().name(),
                Amount.of(c.amountPaid().minorUnits(), currency),
                agreement == null ? null : Amount.of(agreement.amount().minorUnits(), currency),
                agreement == null ? null : agreement.remedy().name(), agreement == null ? null : agreement.dueDate(), Amount.of(c.paidMinor(), currency), c.overdue(),
                c.requestedAt(), version,
                c.offers().stream().map(o -> new OfferJson(o.party().name(), Amount.of(o.amount().minorUnits(), currency),
                        o.remedy().name(), o.reason(), o.by(), o.at())).toList(),
                agreement == null ? List.of() : agreement.channels().stream().map(ch -> new ChannelShareJson(ch.channel(),
                        Amount.of(ch.amount().minorUnits(), currency))).toList(),
                c.orders(), c.entitlement() == null ? null : CalculationResponse.of(c.entitlement()),
                c.assessment() == null ? null : new AssessmentJson(c.assessment().finding().name(),
                        c.assessment().assessor(), c.assessment().assessedAt(), c.assessment().overrideReason(),
                        c.assessment().overriddenBy()));
    }

    static RefundResponse of(RefundCaseRow row) {
        return new RefundResponse(row.id, row.complaintId, row.branchId, row.status, row.kind,
                Amount.of(row.amountPaidMinor, row.currency),
                row.agreedMinor == null ? null : Amount.of(row.agreedMinor, row.currency), null, row.dueDate,
                Amount.of(row.paidMinor, row.currency), row.overdue, row.requestedAt, row.version, null, null, null, null, null);
    }
}
