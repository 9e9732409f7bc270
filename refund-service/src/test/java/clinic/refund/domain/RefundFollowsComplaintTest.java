package clinic.refund.domain;

import clinic.devstack.DeciderSpec;
import clinic.eventstore.domain.RuleBroken;
import clinic.refund.domain.RefundCommand.MakeOffer;
import clinic.refund.domain.RefundCommand.NoteAssessment;
import clinic.refund.domain.RefundCommand.OverrideAssessment;
import clinic.refund.domain.RefundCommand.Party;
import clinic.refund.domain.RefundCommand.RecordComplaintAgreement;
import clinic.refund.domain.RefundCommand.RecordComplaintOffer;
import clinic.refund.domain.RefundCommand.RecordEntitlement;
import clinic.refund.domain.RefundCommand.StartReview;
import clinic.refund.domain.RefundEvent.ComplaintAgreementNotApplied;
import clinic.refund.domain.RefundEvent.RefundAgreed;
import clinic.refund.domain.entitlement.Entitlement;
import clinic.refund.domain.entitlement.EntitlementCalculator;
import clinic.refund.domain.entitlement.EntitlementRequest;
import clinic.refund.domain.entitlement.Item;
import clinic.refund.domain.entitlement.Payment;
import clinic.refund.domain.entitlement.RefundPolicy;
import clinic.refund.domain.entitlement.RefundReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static clinic.refund.domain.RefundDeciderTest.AT;
import static clinic.refund.domain.RefundDeciderTest.PAID;
import static clinic.refund.domain.RefundDeciderTest.REQUEST;
import static clinic.refund.domain.RefundDeciderTest.SPEC;
import static clinic.refund.domain.RefundDeciderTest.TODAY;
import static clinic.refund.domain.RefundDeciderTest.cny;
import static org.assertj.core.api.Assertions.assertThat;

/** The refund case following the complaint: its money rounds, its written agreement and its third-party assessment. */
class RefundFollowsComplaintTest {

    static final Instant ASSESSED = Instant.parse("2026-03-05T06:00:00Z");

    static DeciderSpec<RefundCommand, RefundCase, RefundEvent>.Given opened() {
        return SPEC.givenCommands(REQUEST);
    }

    static DeciderSpec<RefundCommand, RefundCase, RefundEvent>.Given assessed(AssessmentFinding finding) {
        return opened().andCommands(new NoteAssessment(finding, "Shanghai medical association", ASSESSED, AT));
    }

    static RecordComplaintAgreement complaintAgreement(RefundRemedy remedy, long amount) {
        return new RecordComplaintAgreement(remedy, cny(amount), "original card", TODAY.plusDays(9), cny(5_000_000),
                "staff:wang", AT);
    }

    @Test
    void an_agreement_reached_on_the_complaint_becomes_the_cases_written_agreement() {
        opened().when(complaintAgreement(RefundRemedy.PARTIAL_REFUND, 400_000))
                .thenEvents(events -> assertThat(events.getLast()).isInstanceOf(RefundAgreed.class))
                .thenState(s -> {
                    assertThat(s.status()).isEqualTo(RefundStatus.AGREED);
                    assertThat(s.agreement().amount()).isEqualTo(cny(400_000));
                    assertThat(s.agreement().dueDate()).isEqualTo(TODAY.plusDays(9));
                    assertThat(s.agreement().channels())
                            .containsExactly(new RefundCommand.ChannelShare("original card", cny(400_000)));
                });
    }

    @Test
    void the_same_agreement_told_again_decides_nothing_and_another_one_is_recorded_as_not_applied() {
        var agreed = opened().andCommands(complaintAgreement(RefundRemedy.PARTIAL_REFUND, 400_000));

        agreed.when(complaintAgreement(RefundRemedy.PARTIAL_REFUND, 400_000)).thenNothing();
        agreed.when(complaintAgreement(RefundRemedy.PARTIAL_REFUND, 500_000))
                .thenEvents(events -> assertThat(events).singleElement().isInstanceOfSatisfying(
                        ComplaintAgreementNotApplied.class,
                        e -> assertThat(e.reason()).contains("agreed PARTIAL_REFUND 4000.00 CNY already")));
    }

    @Test
    void an_agreement_above_the_threshold_waits_for_hq_like_one_made_here() {
        opened().when(complaintAgreement(RefundRemedy.FULL_REFUND, PAID.minorUnits())) // below 50,000.00
                .thenState(s -> assertThat(s.status()).isEqualTo(RefundStatus.AGREED));
        opened().when(new RecordComplaintAgreement(RefundRemedy.FULL_REFUND, PAID, "card", TODAY, cny(100), "staff:wang", AT))
                .thenState(s -> assertThat(s.status()).isEqualTo(RefundStatus.AWAITING_APPROVAL));
    }

    @Test
    void compensation_may_exceed_what_was_paid_a_refund_may_not() {
        opened().when(complaintAgreement(RefundRemedy.COMPENSATION, PAID.minorUnits() + 200_000))
                .thenState(s -> assertThat(s.agreement().amount()).isEqualTo(cny(PAID.minorUnits() + 200_000)));
        opened().when(complaintAgreement(RefundRemedy.PARTIAL_REFUND, PAID.minorUnits() + 1))
                .thenEvents(events -> assertThat(events).singleElement().isInstanceOfSatisfying(
                        ComplaintAgreementNotApplied.class, e -> assertThat(e.reason()).contains("exceeds")));
    }

    @Test
    void complaint_side_rounds_join_the_negotiation_while_there_is_one() {
        var c = opened().andCommands(
                new RecordComplaintOffer(Party.CLINIC, RefundRemedy.PARTIAL_REFUND, cny(300_000), "staff:wang", AT),
                new RecordComplaintOffer(Party.CUSTOMER, RefundRemedy.PARTIAL_REFUND, cny(600_000), "cust-889", AT));

        assertThat(c.state().status()).isEqualTo(RefundStatus.COUNTER_OFFERED);
        assertThat(c.state().offers()).extracting(RefundCase.Offer::party, RefundCase.Offer::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Party.CLINIC, cny(300_000)),
                        org.assertj.core.groups.Tuple.tuple(Party.CUSTOMER, cny(600_000)));

        var agreed = c.andCommands(complaintAgreement(RefundRemedy.PARTIAL_REFUND, 450_000));
        agreed.when(new RecordComplaintOffer(Party.CLINIC, RefundRemedy.PARTIAL_REFUND, cny(1), "staff:wang", AT))
                .thenNothing();
    }

    @Test
    void not_at_fault_refuses_a_full_refund_or_compensation_until_hq_overrides_with_a_reason() {
        var c = assessed(AssessmentFinding.NOT_AT_FAULT).andCommands(new StartReview("staff:li", AT));

        c.when(new MakeOffer(PAID, "goodwill", null, "staff:li", AT)).thenRefused(RuleBroken.class, "not at fault");
        c.when(new MakeOffer(cny(100_000), RefundRemedy.COMPENSATION, "goodwill", null, "staff:li", AT))
                .thenRefused(RuleBroken.class);
        c.when(new MakeOffer(cny(300_000), "partial", null, "staff:li", AT))
                .thenEvents(events -> assertThat(events).hasSize(1));
        c.when(complaintAgreement(RefundRemedy.FULL_REFUND, PAID.minorUnits()))
                .thenEvents(events -> assertThat(events).singleElement().isInstanceOf(ComplaintAgreementNotApplied.class));
        assertThat(RefundDecider.allowedSteps(c.state())).contains("override-assessment");

        var overridden = c.when(new OverrideAssessment("customer's photos show the swelling; HQ goodwill", "hq:zhao", AT))
                .thenState(s -> {
                    assertThat(s.assessment().overrideReason()).isEqualTo("customer's photos show the swelling; HQ goodwill");
                    assertThat(RefundDecider.allowedSteps(s)).doesNotContain("override-assessment");
                })
                .next();
        overridden.when(new MakeOffer(PAID, "full refund after all", null, "staff:li", AT))
                .thenEvents(events -> assertThat(events).hasSize(1));
    }

    @Test
    void at_fault_makes_the_entitlement_the_full_refund_and_no_other_reason_is_taken() {
        var atFault = assessed(AssessmentFinding.AT_FAULT).andCommands(new StartReview("staff:li", AT));
        var personal = entitlement(RefundReason.PERSONAL_CANCELLATION);
        var fault = entitlement(RefundReason.RESULT_AT_FAULT);

        atFault.when(record(personal)).thenRefused(RuleBroken.class, "found the clinic at fault");
        atFault.when(record(fault))
                .thenState(s -> assertThat(s.entitlement().refund()).isEqualTo(cny(1_000_000))); // everything paid for the item
    }

    @Test
    void the_result_is_blamed_on_the_clinic_only_by_an_at_fault_finding() {
        var none = opened().andCommands(new StartReview("staff:li", AT));
        var inconclusive = assessed(AssessmentFinding.INCONCLUSIVE).andCommands(new StartReview("staff:li", AT));
        var fault = entitlement(RefundReason.RESULT_AT_FAULT);

        none.when(record(fault)).thenRefused(RuleBroken.class, "none is recorded");
        inconclusive.when(record(fault)).thenRefused(RuleBroken.class, "INCONCLUSIVE");
        // inconclusive binds nothing else: any remedy may be offered, another reason is the reviewer's
        inconclusive.when(new MakeOffer(PAID, "full", null, "staff:li", AT))
                .thenEvents(events -> assertThat(events).hasSize(1));
        inconclusive.when(record(entitlement(RefundReason.PERSONAL_CANCELLATION)))
                .thenEvents(events -> assertThat(events).hasSize(1));
    }

    @Test
    void an_assessment_told_twice_is_noted_once_and_a_later_one_replaces_it() {
        var c = assessed(AssessmentFinding.NOT_AT_FAULT);
        c.when(new NoteAssessment(AssessmentFinding.NOT_AT_FAULT, "x", ASSESSED, AT)).thenNothing();
        c.when(new NoteAssessment(AssessmentFinding.AT_FAULT, "second opinion", ASSESSED.plusSeconds(86_400), AT))
                .thenState(s -> {
                    assertThat(s.assessment().finding()).isEqualTo(AssessmentFinding.AT_FAULT);
                    assertThat(s.assessment().overrideReason()).isNull();
                });
    }

    @Test
    void a_complaint_withdrawn_or_out_of_scope_ends_a_refund_still_negotiating_and_nothing_agreed() {
        var withdrawn = opened().andCommands(new RefundCommand.EndWithComplaint(false, "the complaint was withdrawn", AT));
        var outOfScope = opened().andCommands(new RefundCommand.EndWithComplaint(true, "outside the after-sales guarantee", AT));
        var agreed = opened().andCommands(complaintAgreement(RefundRemedy.PARTIAL_REFUND, 400_000));

        assertThat(withdrawn.state().status()).isEqualTo(RefundStatus.WITHDRAWN);
        assertThat(outOfScope.state().status()).isEqualTo(RefundStatus.REJECTED);
        agreed.when(new RefundCommand.EndWithComplaint(false, "x", AT)).thenNothing();
        withdrawn.when(new RefundCommand.EndWithComplaint(false, "x", AT)).thenNothing();
    }

    @Test
    void a_complaint_side_round_does_not_copy_the_rounds_words() {
        opened().when(new RecordComplaintOffer(Party.CUSTOMER, RefundRemedy.PARTIAL_REFUND, cny(600_000), "cust-889", AT))
                .thenState(s -> assertThat(s.offers().getFirst().reason()).isEqualTo("a round of the complaint's negotiation"));
    }

    private static RecordEntitlement record(Entitlement e) {
        return new RecordEntitlement(List.of(UUID.randomUUID()), e, "staff:li", AT);
    }

    /** A treatment of 10,000.00 paid by card, half of its sessions used. */
    private static Entitlement entitlement(RefundReason reason) {
        var item = new Item.SessionPackage("laser package", cny(1_000_000), 10, 0, 5);
        var request = new EntitlementRequest(reason, "CNY", List.of(item),
                List.of(new Payment(Payment.Instrument.CARD, cny(1_000_000), null, null)), List.of(), null,
                LocalDate.parse("2026-01-10"), TODAY, null, null);
        return EntitlementCalculator.calculate(request, new RefundPolicy("test-1", 2000, 300,
                RefundPolicy.PointsTreatment.RESTORE, RefundPolicy.CouponTreatment.REISSUE, RefundPolicy.FxDifference.CLINIC));
    }
}
