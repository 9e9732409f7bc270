package clinic.refund.application;

import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.api.StrictJson;
import clinic.eventstore.domain.Money;
import clinic.refund.domain.RefundEvent;
import clinic.refund.domain.entitlement.EntitlementCalculator;
import clinic.refund.domain.entitlement.EntitlementRequest;
import clinic.refund.domain.entitlement.FxRates;
import clinic.refund.domain.entitlement.HandlingFee;
import clinic.refund.domain.entitlement.Item;
import clinic.refund.domain.entitlement.Payment;
import clinic.refund.domain.entitlement.RefundPolicy;
import clinic.refund.domain.entitlement.RefundReason;
import clinic.refund.domain.entitlement.Rerun;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code refund.entitlement-calculated.v1} as it is stored: with its parameter set and inputs, and as it was before. */
class StoredEntitlementJsonTest {

    static final EventTypeRegistry<RefundEvent> TYPES = new RefundEventTypes()
            .registry(StoredEntitlementJson.apply(StrictJson.apply(new ObjectMapper())));

    static final RefundPolicy POLICY = new RefundPolicy("SH001-2", 1500, 300, RefundPolicy.PointsTreatment.RESTORE,
            RefundPolicy.CouponTreatment.FORFEIT, RefundPolicy.FxDifference.CUSTOMER);

    static Money usd(long minor) {
        return new Money(minor, "USD");
    }

    @Test
    void a_calculation_reads_back_whole_with_its_inputs_and_parameters_and_re_runs_to_what_was_stored() {
        var request = new EntitlementRequest(RefundReason.PERSONAL_CANCELLATION, "USD",
                List.of(new Item.Treatment("consultation (order POS-1)", usd(10_000), true),
                        new Item.SessionPackage("peel 3+1 (order POS-1)", usd(90_000), 3, 1, 1),
                        new Item.PrepaidBalance("card (order POS-2)", usd(300_000), usd(100_000), usd(50_000)),
                        new Item.Product("serum (order POS-2)", usd(20_000), true)),
                List.of(Payment.of(Payment.Instrument.CARD, usd(200_000)),
                        Payment.of(Payment.Instrument.COUPON, usd(20_000)),
                        new Payment(Payment.Instrument.INSTALMENTS, usd(200_000), "Ant Credit Pay", usd(50_000))),
                List.of(new HandlingFee(HandlingFee.Kind.LOST_SLOT, "slot of 3 March", usd(5_000))), usd(30_000),
                LocalDate.parse("2026-01-05"), LocalDate.parse("2026-03-06"), null,
                new FxRates("CNY", new BigDecimal("7.0500"), new BigDecimal("7.2")));
        var event = new RefundEvent.RefundEntitlementCalculated(UUID.randomUUID(), UUID.randomUUID(),
                List.of(UUID.randomUUID()), EntitlementCalculator.calculate(request, POLICY), "staff:li",
                Instant.parse("2026-03-06T02:00:00Z"));

        String json = TYPES.toJson(event);
        assertThat(json).contains("\"policyHash\":\"" + POLICY.hash() + "\"", "\"kind\":\"PACKAGE\"",
                "\"handlingFeeCapBasisPoints\":1500", "\"inputs\":{", "\"rateAtPayment\":\"7.0500\"").doesNotContain("customerRef");

        var read = (RefundEvent.RefundEntitlementCalculated) TYPES.fromJson(RefundEventTypes.ENTITLEMENT_CALCULATED, json);
        assertThat(read).isEqualTo(event);
        assertThat(Rerun.of(read.entitlement(), POLICY).reproduced()).isTrue();
    }

    @Test
    void a_calculation_stored_before_parameter_sets_were_kept_still_reads_without_them() {
        String old = """
                {"refundId":"6f1c1c8e-6e0b-4d8f-9d0a-3a7d2b1c0a11","complaintId":"0b8e2c1d-3f4a-4b5c-8d9e-0f1a2b3c4d5e",
                 "orders":["5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"],
                 "entitlement":{"policyVersion":"default-1","reason":"PERSONAL_CANCELLATION",
                  "fx":{"reportingCurrency":"CNY","rateAtPayment":7.20,"rateAtRefund":7.05,
                        "differenceReportingMinor":-4500,"borneBy":"CLINIC"},
                  "lines":[{"what":"paid for membership card","amountMinor":300000,"rule":"paid"},
                           {"what":"balance consumed","amountMinor":-269550,"rule":"consumed.balance-principal-share"}],
                  "refund":{"minorUnits":30450,"currency":"CNY"},"compensation":{"minorUnits":0,"currency":"CNY"},
                  "total":{"minorUnits":30450,"currency":"CNY"},
                  "allocation":[{"channel":"CARD","amountMinor":30450,"note":"back to the card"}]},
                 "by":"staff:li.na","calculatedAt":"2026-03-02T02:15:00Z"}""";
        var read = (RefundEvent.RefundEntitlementCalculated) TYPES.fromJson(RefundEventTypes.ENTITLEMENT_CALCULATED, old);
        assertThat(read.entitlement().policyVersion()).isEqualTo("default-1");
        assertThat(read.entitlement().total().minorUnits()).isEqualTo(30_450);
        assertThat(read.entitlement().policy()).isNull();
        assertThat(read.entitlement().policyHash()).isNull();
        assertThat(read.entitlement().inputs()).isNull();
        assertThat(read.entitlement().rerunnable()).isFalse();
        assertThat(read.entitlement().fx().rateAtPayment()).isEqualByComparingTo("7.2");
    }
}
