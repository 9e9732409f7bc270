package clinic.complaint.domain;

import clinic.eventstore.domain.Money;

import clinic.devstack.DeciderSpec;
import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;
import clinic.complaint.domain.ComplaintCommand.AcknowledgeComplaint;
import clinic.complaint.domain.ComplaintCommand.AddEvidence;
import clinic.complaint.domain.ComplaintCommand.Agree;
import clinic.complaint.domain.ComplaintCommand.AssessComplaint;
import clinic.complaint.domain.ComplaintCommand.Close;
import clinic.complaint.domain.ComplaintCommand.CloseOutOfScope;
import clinic.complaint.domain.ComplaintCommand.CounterOffer;
import clinic.complaint.domain.ComplaintCommand.EndWait;
import clinic.complaint.domain.ComplaintCommand.Escalate;
import clinic.complaint.domain.ComplaintCommand.FileComplaint;
import clinic.complaint.domain.ComplaintCommand.ProposeRemedy;
import clinic.complaint.domain.ComplaintCommand.RecordAssessment;
import clinic.complaint.domain.ComplaintCommand.RecordEscalationOutcome;
import clinic.complaint.domain.ComplaintCommand.Reopen;
import clinic.complaint.domain.ComplaintCommand.RequestAssessment;
import clinic.complaint.domain.ComplaintCommand.Resolve;
import clinic.complaint.domain.ComplaintCommand.StartInvestigation;
import clinic.complaint.domain.ComplaintCommand.StartWait;
import clinic.complaint.domain.ComplaintCommand.Withdraw;
import clinic.complaint.domain.ComplaintEvent.AgreementReached;
import clinic.complaint.domain.ComplaintEvent.ComplaintAcknowledged;
import clinic.complaint.domain.ComplaintEvent.ComplaintAssessed;
import clinic.complaint.domain.ComplaintEvent.ComplaintClosed;
import clinic.complaint.domain.ComplaintEvent.ComplaintClosedOutOfScope;
import clinic.complaint.domain.ComplaintEvent.ComplaintFiled;
import clinic.complaint.domain.ComplaintEvent.ComplaintReopened;
import clinic.complaint.domain.ComplaintEvent.ComplaintResolved;
import clinic.complaint.domain.ComplaintEvent.ComplaintWithdrawn;
import clinic.complaint.domain.ComplaintEvent.CounterOfferMade;
import clinic.complaint.domain.ComplaintEvent.EscalatedExternally;
import clinic.complaint.domain.ComplaintEvent.EscalationOutcomeRecorded;
import clinic.complaint.domain.ComplaintEvent.EvidenceAdded;
import clinic.complaint.domain.ComplaintEvent.InvestigationStarted;
import clinic.complaint.domain.ComplaintEvent.RemedyProposed;
import clinic.complaint.domain.ComplaintEvent.ThirdPartyAssessmentRecorded;
import clinic.complaint.domain.ComplaintEvent.ThirdPartyAssessmentRequested;
import clinic.complaint.domain.ComplaintEvent.WaitEnded;
import clinic.complaint.domain.ComplaintEvent.WaitStarted;
import clinic.complaint.domain.sla.SlaPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

public class ComplaintDeciderTest {

    static final UUID ID = UUID.fromString("7b0c6c1e-2f3a-4f43-9d2e-5a1b3c4d5e6f");
    static final UUID ESCALATION = UUID.fromString("11111111-2f3a-4f43-9d2e-5a1b3c4d5e6f");
    static final Instant T0 = Instant.parse("2026-03-02T02:15:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-03-02");
    static final Money PAID = new Money(1_280_000, "CNY");
    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    static final ComplaintFiled FILED = new ComplaintFiled(ID, "SH001-2026-000042", "SH001", "cust-889",
            Channel.FRONT_DESK, Category.TREATMENT_RESULT, Remedy.FULL_REFUND, PAID, T0, SlaPolicy.DEFAULT);
    static final ComplaintAcknowledged ACKNOWLEDGED = new ComplaintAcknowledged(ID, "staff:li.na", at(30));
    static final ComplaintAssessed ASSESSED_IN_SCOPE = new ComplaintAssessed(ID, Category.TREATMENT_RESULT,
            Severity.MEDIUM, Subject.SERVICE, TODAY.minusDays(5), true, "free correction window (7 days)",
            "staff:wang", "staff:li.na", at(60));
    static final ComplaintAssessed ASSESSED_OUT_OF_SCOPE = new ComplaintAssessed(ID, Category.TREATMENT_RESULT,
            Severity.LOW, Subject.SERVICE, TODAY.minusDays(400), false, "outside", "staff:wang", "staff:li.na", at(60));
    static final InvestigationStarted INVESTIGATING = new InvestigationStarted(ID, "staff:wang", at(90));
    static final RemedyProposed PROPOSED = new RemedyProposed(ID, Remedy.CORRECTIVE_TREATMENT, null, "free correction",
            "staff:wang", at(120));
    static final CounterOfferMade COUNTERED = new CounterOfferMade(ID, Party.CUSTOMER, Remedy.PARTIAL_REFUND,
            new Money(500_000, "CNY"), "no more sessions", "cust-889", at(150));
    static final AgreementReached AGREED = new AgreementReached(ID, Remedy.PARTIAL_REFUND, new Money(400_000, "CNY"),
            "original card", TODAY.plusDays(7), "staff:wang", at(180), null);
    static final ComplaintResolved RESOLVED = new ComplaintResolved(ID, "partial refund agreed", "staff:wang", at(200));
    static final ComplaintClosed CLOSED = new ComplaintClosed(ID, "staff:wang", at(300), null);

    /**
     * The complaint decider, given / when / then. Public (and so is this class) because the tests of the {@code sla}
     * subpackage, which read clocks off decided histories, use it too.
     */
    public static final DeciderSpec<ComplaintCommand, Complaint, ComplaintEvent> SPEC =
            DeciderSpec.of(ComplaintDecider::decide, ComplaintDecider::evolve, Complaint.NONE);

    static FileComplaint file() {
        return new FileComplaint(ID, "SH001-2026-000042", "SH001", "cust-889", Channel.FRONT_DESK,
                Category.TREATMENT_RESULT, Remedy.FULL_REFUND, PAID, SlaPolicy.DEFAULT, T0);
    }

    static AssessComplaint assess(Category category, Severity severity, Subject subject, int daysAgo) {
        return new AssessComplaint(category, severity, subject, TODAY.minusDays(daysAgo), TODAY, WarrantyPolicy.DEFAULT,
                "staff:wang", "staff:li.na", at(60));
    }

    // ---- receipt and acknowledgement -------------------------------------------------------------------------

    @Test
    void a_new_complaint_is_filed_as_received() {
        SPEC.given().when(file())
                .then(FILED)
                .thenState(c -> {
                    assertThat(c.status()).isEqualTo(ComplaintStatus.RECEIVED);
                    assertThat(c.amountPaid()).isEqualTo(PAID);
                    assertThat(c.sla()).as("the targets it was filed under").isEqualTo(SlaPolicy.DEFAULT);
                });
    }

    @Test
    void a_received_complaint_is_acknowledged_by_whoever_acknowledges_it() {
        SPEC.given(FILED).when(new AcknowledgeComplaint("staff:li.na", at(30)))
                .then(ACKNOWLEDGED)
                .thenState(acknowledged -> {
                    assertThat(acknowledged.status()).isEqualTo(ComplaintStatus.ACKNOWLEDGED);
                    assertThat(acknowledged.acknowledgedAt()).isEqualTo(at(30));
                });
    }

    @Test
    void a_complaint_cannot_be_filed_twice() {
        SPEC.given(FILED).when(file())
                .thenRefused(StepNotAllowed.class, e -> {
                    assertThat(e.state()).isEqualTo(ComplaintStatus.RECEIVED);
                    assertThat(e.allowedSteps()).containsExactly("acknowledge", "add-evidence", "escalate", "withdraw");
                });
    }

    @Test
    void nothing_but_filing_is_allowed_before_a_complaint_exists() {
        SPEC.given().when(new AcknowledgeComplaint("staff:li.na", T0))
                .thenRefused(StepNotAllowed.class, e -> assertThat(e.allowedSteps()).containsExactly("file"));
    }

    // ---- assessment and scope ----------------------------------------------------------------------------------

    @Test
    void a_service_complaint_is_in_scope_in_the_tightest_warranty_window_that_applies() {
        var acknowledged = SPEC.given(FILED, ACKNOWLEDGED);
        acknowledged.when(assess(Category.TREATMENT_RESULT, Severity.MEDIUM, Subject.SERVICE, 2))
                .thenEvents(events -> assertThat(scopeOf(events)).isEqualTo("feedback window (3 days)"));
        acknowledged.when(assess(Category.TREATMENT_RESULT, Severity.MEDIUM, Subject.SERVICE, 7))
                .thenEvents(events -> assertThat(scopeOf(events)).isEqualTo("free correction window (7 days)"));
        acknowledged.when(assess(Category.TREATMENT_RESULT, Severity.MEDIUM, Subject.SERVICE, 365))
                .thenEvents(events -> assertThat(scopeOf(events)).isEqualTo("after-sales guarantee (365 days)"));
    }

    @Test
    void a_complaint_outside_its_warranty_is_out_of_scope_and_closed_with_the_explanation() {
        SPEC.given(FILED, ACKNOWLEDGED).when(assess(Category.TREATMENT_RESULT, Severity.LOW, Subject.SERVICE, 366))
                .thenEvents(events -> assertThat(events.getFirst()).isInstanceOfSatisfying(ComplaintAssessed.class,
                        assessed -> {
                            assertThat(assessed.inScope()).isFalse();
                            assertThat(assessed.scope()).contains("366 days after the service (365 allowed)");
                        }));

        SPEC.given(FILED, ACKNOWLEDGED).when(assess(Category.PRODUCT_QUALITY, Severity.LOW, Subject.PRODUCT, 91))
                .thenEvents(events -> assertThat(events.getFirst()).isInstanceOfSatisfying(ComplaintAssessed.class,
                        product -> assertThat(product.inScope()).isFalse()));

        var outOfScope = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_OUT_OF_SCOPE);
        assertThat(ComplaintDecider.allowedSteps(outOfScope.state())).contains("close-out-of-scope")
                .doesNotContain("start-investigation");
        outOfScope.when(new CloseOutOfScope("the guarantee ended after one year", "staff:wang", at(70)))
                .then(new ComplaintClosedOutOfScope(ID, "the guarantee ended after one year", "staff:wang", at(70)))
                .thenState(after -> {
                    assertThat(after.status()).isEqualTo(ComplaintStatus.CLOSED_OUT_OF_SCOPE);
                    assertThat(after.decision()).isEqualTo("the guarantee ended after one year");
                });
    }

    @Test
    void an_adverse_reaction_is_never_assessed_below_high_severity() {
        SPEC.given(FILED, ACKNOWLEDGED).when(assess(Category.ADVERSE_REACTION, Severity.MEDIUM, Subject.SERVICE, 1))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("severity"));
        SPEC.given(FILED, ACKNOWLEDGED).when(assess(Category.ADVERSE_REACTION, Severity.HIGH, Subject.SERVICE, 1))
                .thenEvents(events -> assertThat(events).hasSize(1));
    }

    @Test
    void a_service_date_in_the_future_is_refused() {
        SPEC.given(FILED, ACKNOWLEDGED).when(assess(Category.TREATMENT_RESULT, Severity.LOW, Subject.SERVICE, -1))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("serviceDate"));
    }

    // ---- investigation, waits, evidence, third-party assessment ------------------------------------------------

    @Test
    void an_in_scope_case_is_investigated_and_its_waits_pause_and_resume() {
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE).when(new StartInvestigation("staff:wang", at(90)))
                .then(INVESTIGATING);

        var wait = new WaitStarted(ID, WaitReason.CUSTOMER, "asked for before photos", "staff:wang", at(100));
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING)
                .when(new StartWait(WaitReason.CUSTOMER, "asked for before photos", "staff:wang", at(100)))
                .then(wait)
                .thenState(c -> {
                    assertThat(c.waitingOn()).isEqualTo(WaitReason.CUSTOMER);
                    assertThat(c.waitingSince()).isEqualTo(at(100));
                });
        var waiting = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, wait);
        waiting.when(new StartWait(WaitReason.EVIDENCE, "x", "staff:wang", at(101))).thenRefused(StepNotAllowed.class);

        waiting.when(new EndWait("staff:wang", at(130)))
                .then(new WaitEnded(ID, WaitReason.CUSTOMER, "staff:wang", at(130)))
                .thenState(c -> assertThat(c.waiting()).isFalse());
    }

    @Test
    void evidence_is_recorded_with_its_type_supplier_and_hash() {
        UUID evidenceId = UUID.randomUUID();
        var add = new AddEvidence(evidenceId, EvidenceType.PHOTO, "customer", HASH, 2048, "staff:wang", at(95));
        var investigating = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING);

        var added = investigating.when(add)
                .then(new EvidenceAdded(ID, evidenceId, EvidenceType.PHOTO, "customer", HASH, 2048, "staff:wang", at(95)))
                .thenState(after -> assertThat(after.evidence()).singleElement()
                        .satisfies(e -> assertThat(e.sha256()).isEqualTo(HASH)))
                .next();
        added.when(add).thenRefused(RuleBroken.class, "exists already");
        investigating.when(new AddEvidence(UUID.randomUUID(), EvidenceType.PHOTO, "customer", "not-a-hash", 1,
                        "staff:wang", at(96)))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("sha256"));
    }

    @Test
    void a_third_party_assessment_pauses_the_case_until_its_result_is_recorded() {
        var pending = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING)
                .when(new RequestAssessment("Shanghai Medical Association", "staff:wang", at(100)))
                .then(new ThirdPartyAssessmentRequested(ID, "Shanghai Medical Association", "staff:wang", at(100)),
                        new WaitStarted(ID, WaitReason.ASSESSOR, "third-party assessment by Shanghai Medical Association",
                                "staff:wang", at(100)))
                .next();

        assertThat(ComplaintDecider.allowedSteps(pending.state())).contains("record-assessment", "resume")
                .doesNotContain("request-assessment");
        pending.when(new RecordAssessment(AssessmentResult.AT_FAULT, "filler placed too deep", "staff:wang", at(500)))
                .then(new ThirdPartyAssessmentRecorded(ID, "Shanghai Medical Association", AssessmentResult.AT_FAULT,
                                "filler placed too deep", "staff:wang", at(500)),
                        new WaitEnded(ID, WaitReason.ASSESSOR, "staff:wang", at(500)));
    }

    @Test
    void the_assessment_decides_what_may_be_offered() {
        var notAtFault = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING,
                new ThirdPartyAssessmentRequested(ID, "assessor", "staff:wang", at(100)),
                new ThirdPartyAssessmentRecorded(ID, "assessor", AssessmentResult.NOT_AT_FAULT, "as expected",
                        "staff:wang", at(200)));
        notAtFault.when(new ProposeRemedy(Remedy.FULL_REFUND, PAID, "", "staff:wang", at(210)))
                .thenRefused(RuleBroken.class, "not at fault");
        notAtFault.when(new ProposeRemedy(Remedy.CORRECTIVE_TREATMENT, null, "", "staff:wang", at(210)))
                .thenEvents(events -> assertThat(events).hasSize(1));

        var atFault = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING,
                new ThirdPartyAssessmentRequested(ID, "assessor", "staff:wang", at(100)),
                new ThirdPartyAssessmentRecorded(ID, "assessor", AssessmentResult.AT_FAULT, "too deep", "staff:wang", at(200)));
        atFault.when(new ProposeRemedy(Remedy.APOLOGY, null, "", "staff:wang", at(210)))
                .thenRefused(RuleBroken.class, "at fault");
        atFault.when(new ProposeRemedy(Remedy.FULL_REFUND, PAID, "", "staff:wang", at(210)))
                .thenEvents(events -> assertThat(events).hasSize(1));
    }

    // ---- remedy, negotiation, agreement ------------------------------------------------------------------------

    @Test
    void offers_and_counter_offers_are_recorded_round_by_round_until_a_written_agreement() {
        var investigating = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING);
        investigating.when(new ProposeRemedy(Remedy.CORRECTIVE_TREATMENT, null, "free correction", "staff:wang", at(120)))
                .then(PROPOSED);
        investigating.and(PROPOSED)
                .when(new CounterOffer(Party.CUSTOMER, Remedy.PARTIAL_REFUND, new Money(500_000, "CNY"),
                        "no more sessions", "cust-889", at(150)))
                .then(COUNTERED);
        var clinicRound = new CounterOfferMade(ID, Party.CLINIC, Remedy.PARTIAL_REFUND, new Money(400_000, "CNY"),
                "used sessions deducted", "staff:wang", at(160));
        var negotiating = investigating.and(PROPOSED, COUNTERED, clinicRound);
        assertThat(negotiating.state().offers()).extracting(Complaint.Offer::party)
                .containsExactly(Party.CLINIC, Party.CUSTOMER, Party.CLINIC);
        assertThat(negotiating.state().status()).isEqualTo(ComplaintStatus.NEGOTIATING);

        negotiating.when(new Agree(Remedy.PARTIAL_REFUND, new Money(400_000, "CNY"), "original card",
                        TODAY.plusDays(7), TODAY, "staff:wang", at(180)))
                .then(AGREED)
                .thenState(agreed -> {
                    assertThat(agreed.agreement().amount()).isEqualTo(new Money(400_000, "CNY"));
                    assertThat(agreed.agreement().dueDate()).isEqualTo(TODAY.plusDays(7));
                });
    }

    @Test
    void a_refund_never_exceeds_what_was_paid_in_the_currency_it_was_paid_in() {
        var proposed = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED);
        proposed.when(new CounterOffer(Party.CUSTOMER, Remedy.PARTIAL_REFUND, new Money(1_280_001, "CNY"), "", "cust-889",
                        at(150)))
                .thenRefused(RuleBroken.class, "exceeds the 12800.00 CNY paid");
        proposed.when(new CounterOffer(Party.CUSTOMER, Remedy.PARTIAL_REFUND, new Money(100, "USD"), "", "cust-889",
                        at(150)))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("amount.currency"));
        proposed.when(new Agree(Remedy.FULL_REFUND, new Money(1_000_000, "CNY"), "card", TODAY.plusDays(7), TODAY,
                        "staff:wang", at(150)))
                .thenRefused(RuleBroken.class, "a full refund is the 12800.00 CNY paid");
        proposed.when(new Agree(Remedy.PARTIAL_REFUND, null, "card", TODAY.plusDays(7), TODAY, "staff:wang", at(150)))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("amount"));
        proposed.when(new Agree(Remedy.PARTIAL_REFUND, new Money(1, "CNY"), "card", TODAY.minusDays(1), TODAY,
                        "staff:wang", at(150)))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("dueDate"));
        // 07:00 on 3 March in Shanghai is still 2 March in UTC: the branch's date decides what is in the past
        proposed.when(new Agree(Remedy.PARTIAL_REFUND, new Money(1, "CNY"), "card", TODAY, TODAY.plusDays(1),
                        "staff:wang", Instant.parse("2026-03-02T23:00:00Z")))
                .thenRefused(RuleBroken.class, e -> assertThat(e.field()).isEqualTo("dueDate"));
    }

    // ---- resolution, closing, reopening, withdrawal --------------------------------------------------------------

    @Test
    void an_agreed_case_is_resolved_closed_and_reopened_when_the_customer_is_still_dissatisfied() {
        var agreed = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED, COUNTERED, AGREED);
        var resolved = agreed.when(new Resolve("partial refund agreed", "staff:wang", at(200))).then(RESOLVED).next();
        var closed = resolved.when(new Close("staff:wang", at(300))).then(CLOSED).next();

        assertThat(ComplaintDecider.allowedSteps(closed.state())).containsExactly("reopen", "escalate");
        closed.when(new Reopen("still swollen at the 7-day call", "followup-service", at(400)))
                .then(new ComplaintReopened(ID, "still swollen at the 7-day call", "followup-service", 1, at(400)))
                .thenState(again -> {
                    assertThat(again.status()).isEqualTo(ComplaintStatus.INVESTIGATING);
                    assertThat(again.reopenCount()).isEqualTo(1);
                    assertThat(again.closedAt()).isNull();
                });
    }

    @Test
    void a_case_is_resolved_without_a_remedy_when_the_investigation_explains_it() {
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING)
                .when(new Resolve("redness is the expected reaction; explained", "staff:wang", at(200)))
                .thenEvents(events -> assertThat(events).singleElement().isInstanceOf(ComplaintResolved.class));
    }

    @Test
    void the_customer_withdraws_at_any_point_before_closing_but_not_after() {
        for (ComplaintEvent[] history : List.of(new ComplaintEvent[]{FILED},
                new ComplaintEvent[]{FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED},
                new ComplaintEvent[]{FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED, COUNTERED, AGREED, RESOLVED})) {
            SPEC.given(history).when(new Withdraw("settled privately", "cust-889", at(500)))
                    .then(new ComplaintWithdrawn(ID, "settled privately", "cust-889", at(500)));
        }
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED, COUNTERED, AGREED, RESOLVED, CLOSED)
                .when(new Withdraw("too late", "cust-889", at(500)))
                .thenRefused(StepNotAllowed.class);
        SPEC.given(FILED).when(new Withdraw("x", "cust-889", at(5)))
                .thenState(withdrawn -> assertThat(ComplaintDecider.allowedSteps(withdrawn)).isEmpty());
    }

    // ---- external escalation -------------------------------------------------------------------------------------

    @Test
    void several_external_escalations_run_at_once_each_with_its_own_outcome() {
        UUID second = UUID.randomUUID();
        var toRegulator = new EscalatedExternally(ID, ESCALATION, EscalationBody.MARKET_REGULATOR_12315, "12315-2026-0042",
                TODAY.plusDays(10), "staff:wang", at(50), "typed");
        SPEC.given(FILED).when(new Escalate(ESCALATION, EscalationBody.MARKET_REGULATOR_12315, "12315-2026-0042",
                        TODAY.plusDays(10), "staff:wang", at(50)))
                .then(toRegulator);
        var toMedia = new EscalatedExternally(ID, second, EscalationBody.SOCIAL_MEDIA, null, null, "staff:wang", at(55),
                null);
        var both = SPEC.given(FILED, toRegulator, toMedia);
        assertThat(both.state().escalations()).hasSize(2);
        assertThat(both.state().status()).isEqualTo(ComplaintStatus.RECEIVED);
        both.when(new Escalate(ESCALATION, EscalationBody.SOCIAL_MEDIA, null, null, "x", at(56)))
                .thenRefused(RuleBroken.class);

        var outcome = new EscalationOutcomeRecorded(ID, ESCALATION, "mediated: partial refund", "staff:wang", at(900));
        var after = both.when(new RecordEscalationOutcome(ESCALATION, "mediated: partial refund", "staff:wang", at(900)))
                .then(outcome)
                .thenState(c -> assertThat(c.escalations()).filteredOn(Complaint.Escalation::open)
                        .extracting(Complaint.Escalation::id).containsExactly(second))
                .next();
        after.when(new RecordEscalationOutcome(ESCALATION, "again", "staff:wang", at(901)))
                .thenRefused(RuleBroken.class, "no open escalation");
    }

    // ---- what the other services report -----------------------------------------------------------------------

    @Test
    void a_customer_still_dissatisfied_reopens_a_resolved_or_closed_case_and_nothing_else() {
        var dissatisfied = new ComplaintCommand.ReopenOnDissatisfaction("unhappy at the day-3 call", "followup-service", at(400));
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED, COUNTERED, AGREED, RESOLVED)
                .when(dissatisfied)
                .then(new ComplaintReopened(ID, "unhappy at the day-3 call", "followup-service", 1, at(400)));
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING).when(dissatisfied).thenNothing();
    }

    @Test
    void a_follow_up_window_ended_satisfied_closes_a_resolved_case_saying_why_and_nothing_else() {
        var satisfied = new ComplaintCommand.CloseAfterFollowUp(0, "follow-up confirmed the customer is satisfied",
                "followup-service", at(400));
        var resolved = SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING, PROPOSED, COUNTERED, AGREED,
                RESOLVED);
        resolved.when(satisfied)
                .then(new ComplaintClosed(ID, "followup-service", at(400), "follow-up confirmed the customer is satisfied"))
                .thenState(c -> assertThat(c.status()).isEqualTo(ComplaintStatus.CLOSED));

        // closed by staff already, reopened, withdrawn, still being handled: nothing
        resolved.and(CLOSED).when(satisfied).thenNothing();
        ComplaintReopened reopened = new ComplaintReopened(ID, "still swollen", "staff:wang", 1, at(350));
        resolved.and(reopened).when(satisfied).thenNothing();
        resolved.and(new ComplaintWithdrawn(ID, "x", "cust-889", at(350))).when(satisfied).thenNothing();
        SPEC.given(FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING).when(satisfied).thenNothing();
        // resolved again after the reopening: the window of the earlier cycle closes nothing, its own cycle's does
        ComplaintResolved again = new ComplaintResolved(ID, "corrected", "staff:wang", at(380));
        var resolvedAgain = resolved.and(reopened, again);
        resolvedAgain.when(satisfied).thenNothing();
        resolvedAgain.when(new ComplaintCommand.CloseAfterFollowUp(1, "satisfied", "followup-service", at(400)))
                .then(new ComplaintClosed(ID, "followup-service", at(400), "satisfied"));
    }

    @Test
    void a_refund_agreed_then_paid_is_recorded_on_the_case() {
        UUID refund = UUID.randomUUID();
        Money amount = new Money(400_000, "CNY");
        var agreed = SPEC.given(FILED).when(new ComplaintCommand.RecordRefundAgreed(refund, amount, TODAY.plusDays(7), at(10)))
                .thenEvents(events -> assertThat(events).hasSize(1))
                .next();
        agreed.when(new ComplaintCommand.RecordRefundSettled(refund, amount, at(20)))
                .thenEvents(events -> assertThat(events).hasSize(1))
                .thenState(after -> {
                    assertThat(after.refund().agreedAmount()).isEqualTo(amount);
                    assertThat(after.refund().settledAmount()).isEqualTo(amount);
                    assertThat(after.refund().overdue()).isFalse();
                });
    }

    @Test
    void an_overdue_refund_is_recorded_and_sends_the_case_to_hq_once() {
        UUID refund = UUID.randomUUID();
        var overdue = new ComplaintCommand.RecordRefundOverdue(refund, TODAY, at(10));
        var escalated = SPEC.given(FILED).when(overdue)
                .thenEvents(events -> assertThat(events).extracting(e -> e.getClass().getSimpleName())
                        .containsExactly("RefundOverdueRecorded", "EscalatedToHq"))
                .thenState(after -> {
                    assertThat(after.refund().overdue()).isTrue();
                    assertThat(after.hqEscalation()).contains("is not paid");
                })
                .next();
        escalated.when(overdue).thenNothing();
    }

    // ---- every refused step ----------------------------------------------------------------------------------------

    /** Every state, and the variants of a state that change what it allows (scope, waits, a pending assessment). */
    record Situation(String label, ComplaintStatus status, ComplaintEvent... history) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final ComplaintEvent[] UNTIL_INVESTIGATING = {FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE, INVESTIGATING};

    static List<Situation> everySituation() {
        return List.of(
                new Situation("NONE", ComplaintStatus.NONE),
                new Situation("RECEIVED", ComplaintStatus.RECEIVED, FILED),
                new Situation("RECEIVED and escalated externally", ComplaintStatus.RECEIVED, FILED,
                        new EscalatedExternally(ID, ESCALATION, EscalationBody.MARKET_REGULATOR_12315, "12315-1",
                                TODAY.plusDays(10), "staff:li.na", at(5), "typed")),
                new Situation("ACKNOWLEDGED", ComplaintStatus.ACKNOWLEDGED, FILED, ACKNOWLEDGED),
                new Situation("ASSESSED in scope", ComplaintStatus.ASSESSED, FILED, ACKNOWLEDGED, ASSESSED_IN_SCOPE),
                new Situation("ASSESSED out of scope", ComplaintStatus.ASSESSED, FILED, ACKNOWLEDGED,
                        ASSESSED_OUT_OF_SCOPE),
                new Situation("CLOSED_OUT_OF_SCOPE", ComplaintStatus.CLOSED_OUT_OF_SCOPE, FILED, ACKNOWLEDGED,
                        ASSESSED_OUT_OF_SCOPE, new ComplaintClosedOutOfScope(ID, "outside", "staff:wang", at(70))),
                new Situation("INVESTIGATING", ComplaintStatus.INVESTIGATING, UNTIL_INVESTIGATING),
                new Situation("INVESTIGATING and waiting on the customer", ComplaintStatus.INVESTIGATING,
                        concat(List.of(UNTIL_INVESTIGATING), List.of(
                                new WaitStarted(ID, WaitReason.CUSTOMER, "photos", "staff:wang", at(95))))),
                new Situation("INVESTIGATING with an assessment pending", ComplaintStatus.INVESTIGATING,
                        concat(List.of(UNTIL_INVESTIGATING), List.of(
                                new ThirdPartyAssessmentRequested(ID, "assessor", "staff:wang", at(95)),
                                new WaitStarted(ID, WaitReason.ASSESSOR, "assessor", "staff:wang", at(95))))),
                new Situation("REMEDY_PROPOSED", ComplaintStatus.REMEDY_PROPOSED,
                        concat(List.of(UNTIL_INVESTIGATING), List.of(PROPOSED))),
                new Situation("NEGOTIATING", ComplaintStatus.NEGOTIATING,
                        concat(List.of(UNTIL_INVESTIGATING), List.of(PROPOSED, COUNTERED))),
                new Situation("AGREED", ComplaintStatus.AGREED,
                        concat(List.of(UNTIL_INVESTIGATING), List.of(PROPOSED, COUNTERED, AGREED))),
                new Situation("RESOLVED", ComplaintStatus.RESOLVED,
                        concat(List.of(UNTIL_INVESTIGATING), List.of(PROPOSED, COUNTERED, AGREED, RESOLVED))),
                new Situation("CLOSED", ComplaintStatus.CLOSED,
                        concat(List.of(UNTIL_INVESTIGATING), List.of(PROPOSED, COUNTERED, AGREED, RESOLVED, CLOSED))),
                new Situation("WITHDRAWN", ComplaintStatus.WITHDRAWN, FILED,
                        new ComplaintWithdrawn(ID, "changed my mind", "cust-889", at(10))));
    }

    /** One command of every step a user can take. */
    static List<ComplaintCommand> everyCommand() {
        return List.of(file(), new AcknowledgeComplaint("s", at(1)),
                assess(Category.TREATMENT_RESULT, Severity.LOW, Subject.SERVICE, 1),
                new CloseOutOfScope("x", "s", at(1)), new StartInvestigation("s", at(1)),
                new StartWait(WaitReason.CUSTOMER, "x", "s", at(1)), new EndWait("s", at(1)),
                new AddEvidence(UUID.randomUUID(), EvidenceType.PHOTO, "customer", HASH, 1, "s", at(1)),
                new RequestAssessment("a", "s", at(1)), new RecordAssessment(AssessmentResult.INCONCLUSIVE, "x", "s", at(1)),
                new ProposeRemedy(Remedy.APOLOGY, null, "x", "s", at(1)),
                new CounterOffer(Party.CUSTOMER, Remedy.APOLOGY, null, "x", "c", at(1)),
                new Agree(Remedy.APOLOGY, null, "none", TODAY.plusDays(1), TODAY, "s", at(1)),
                new Resolve("x", "s", at(1)), new Close("s", at(1)), new Reopen("x", "s", at(1)),
                new Withdraw("x", "c", at(1)),
                new Escalate(UUID.randomUUID(), EscalationBody.CONSUMER_ASSOCIATION, "CA-1", TODAY.plusDays(7), "s", at(1)),
                new RecordEscalationOutcome(ESCALATION, "mediated", "s", at(1)));
    }

    @Test
    void the_matrix_below_covers_every_state_and_every_step() {
        assertThat(everySituation().stream().map(Situation::status).distinct())
                .containsExactlyInAnyOrder(ComplaintStatus.values());
        List<String> offered = everySituation().stream()
                .flatMap(situation -> ComplaintDecider.allowedSteps(SPEC.given(situation.history()).state()).stream())
                .distinct().toList();
        assertThat(everyCommand().stream().map(ComplaintCommand::step)).containsExactlyInAnyOrderElementsOf(offered);
    }

    static Stream<Arguments> refusedSteps() {
        return everySituation().stream().flatMap(situation -> {
            List<String> allowed = ComplaintDecider.allowedSteps(SPEC.given(situation.history()).state());
            return everyCommand().stream().filter(c -> !allowed.contains(c.step()))
                    .map(c -> Arguments.of(situation, c.step(), c));
        });
    }

    @ParameterizedTest(name = "{1} is refused while {0}")
    @MethodSource("refusedSteps")
    void a_step_the_state_does_not_allow_is_refused_with_the_steps_it_does(Situation situation, String step,
                                                                          ComplaintCommand command) {
        var given = SPEC.given(situation.history());
        given.when(command)
                .thenRefused(StepNotAllowed.class, e -> {
                    assertThat(e.state()).isEqualTo(situation.status());
                    assertThat(e.step()).isEqualTo(step);
                    assertThat(e.allowedSteps()).isEqualTo(ComplaintDecider.allowedSteps(given.state()))
                            .doesNotContain(step);
                });
    }

    static Stream<Arguments> allowedSteps() {
        return everySituation().stream().flatMap(situation -> {
            List<String> allowed = ComplaintDecider.allowedSteps(SPEC.given(situation.history()).state());
            return everyCommand().stream().filter(c -> allowed.contains(c.step()))
                    .map(c -> Arguments.of(situation, c.step(), c));
        });
    }

    @ParameterizedTest(name = "{1} is taken while {0}")
    @MethodSource("allowedSteps")
    void every_step_a_state_offers_is_taken_when_asked(Situation situation, String step, ComplaintCommand command) {
        var given = SPEC.given(situation.history());
        given.when(command)
                .thenEvents(events -> assertThat(events).as(step + " while " + situation).isNotEmpty())
                .thenState(after -> assertThat(after).as("the events of " + step + " change the case")
                        .isNotEqualTo(given.state()));
    }

    private static String scopeOf(List<ComplaintEvent> events) {
        return ((ComplaintAssessed) events.getFirst()).scope();
    }

    private static ComplaintEvent[] concat(List<ComplaintEvent> first, List<ComplaintEvent> second) {
        List<ComplaintEvent> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(ComplaintEvent[]::new);
    }
}
