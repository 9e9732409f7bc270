package clinic.refund.domain;

import clinic.refund.domain.RefundCommand.RequestRefund;
import clinic.refund.domain.RefundEvent.RefundRequested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefundDeciderTest {

    static final UUID REFUND = UUID.randomUUID();
    static final UUID COMPLAINT = UUID.randomUUID();
    static final Instant AT = Instant.parse("2026-03-02T02:15:00Z");
    static final RequestRefund REQUEST = new RequestRefund(REFUND, COMPLAINT, "SH001", "cust-889",
            RefundKind.FULL_REFUND, new Money(1_280_000, "CNY"), AT);

    @Test
    void a_refund_request_opens_a_case_for_what_was_paid() {
        var events = RefundDecider.decide(REQUEST, RefundCase.NONE);

        assertThat(events).containsExactly(new RefundRequested(REFUND, COMPLAINT, "SH001", "cust-889",
                RefundKind.FULL_REFUND, new Money(1_280_000, "CNY"), AT));
        RefundCase opened = RefundDecider.evolve(RefundCase.NONE, events.getFirst());
        assertThat(opened.status()).isEqualTo(RefundStatus.REQUESTED);
        assertThat(opened.amountPaid().minorUnits()).isEqualTo(1_280_000);
    }

    @Test
    void a_refund_case_is_opened_once() {
        RefundCase opened = RefundDecider.evolve(RefundCase.NONE, RefundDecider.decide(REQUEST, RefundCase.NONE).getFirst());

        assertThatThrownBy(() -> RefundDecider.decide(REQUEST, opened)).isInstanceOf(RefundAlreadyOpen.class);
    }

    @Test
    void money_is_never_negative_nor_in_an_unknown_currency() {
        assertThatThrownBy(() -> new Money(-1, "CNY")).hasMessageContaining("negative");
        assertThatThrownBy(() -> new Money(1, "XYZ")).isInstanceOf(IllegalArgumentException.class);
    }
}
