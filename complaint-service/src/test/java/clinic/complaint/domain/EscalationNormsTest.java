package clinic.complaint.domain;

import clinic.eventstore.domain.Money;

import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.ComplaintCommand.CheckSla;
import clinic.complaint.domain.ComplaintCommand.Escalate;
import clinic.complaint.domain.ComplaintEvent.ComplaintAcknowledged;
import clinic.complaint.domain.ComplaintEvent.ComplaintAssessed;
import clinic.complaint.domain.ComplaintEvent.ComplaintFiled;
import clinic.complaint.domain.ComplaintEvent.ComplaintResolved;
import clinic.complaint.domain.ComplaintEvent.EscalatedExternally;
import clinic.complaint.domain.ComplaintEvent.EscalationDeadlineAtRisk;
import clinic.complaint.domain.ComplaintEvent.EscalationDeadlineMissed;
import clinic.complaint.domain.ComplaintEvent.EscalationOutcomeRecorded;
import clinic.complaint.domain.ComplaintEvent.InvestigationStarted;
import clinic.complaint.domain.ComplaintEvent.WaitEnded;
import clinic.complaint.domain.ComplaintEvent.WaitStarted;
import clinic.complaint.domain.EscalationNorms.Deadline;
import clinic.complaint.domain.EscalationNorms.DeadlineKind;
import clinic.complaint.domain.sla.SlaPolicy;
import clinic.complaint.domain.sla.SlaScheduling;
import clinic.devstack.DeciderSpec;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static clinic.complaint.domain.ComplaintDeciderTest.SPEC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public deadlines of external escalations, counted in a calendar with holidays inside the periods (Monday 6 April
 * and Friday 1 May 2026 off), so that working days are really counted: without the April holiday every date below would
 * be a day earlier.
 */
class EscalationNormsTest {

    static final BusinessCalendar SH = new BusinessCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0),
            LocalTime.of(18, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            Set.of(LocalDate.parse("2026-04-06"), LocalDate.parse("2026-05-01")), Set.of());
    static final double SHARE = SlaPolicy.DEFAULT.atRiskShare();
    static final UUID ID = UUID.randomUUID();
    static final UUID ESCALATION = UUID.randomUUID();
    /** Monday 30 March 2026, mid-morning in Shanghai. */
    static final Instant ESCALATED_AT = shanghai("2026-03-30T10:00");

    static Instant shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SH.zone()).toInstant();
    }

    static LocalDate date(String date) {
        return LocalDate.parse(date);
    }

    /** A case under investigation since the week before, its SLA clocks on track for a while. */
    static DeciderSpec<ComplaintCommand, Complaint, ComplaintEvent>.Given investigating() {
        return SPEC.given(
                new ComplaintFiled(ID, "SH001-2026-000001", "SH001", "cust-1", Channel.FRONT_DESK,
                        Category.TREATMENT_RESULT, Remedy.PARTIAL_REFUND, new Money(100_000, "CNY"),
                        shanghai("2026-03-23T10:00"), SlaPolicy.DEFAULT),
                new ComplaintAcknowledged(ID, "staff:li", shanghai("2026-03-23T11:00")),
                new ComplaintAssessed(ID, Category.TREATMENT_RESULT, Severity.MEDIUM, Subject.SERVICE,
                        date("2026-03-20"), true, "feedback window (3 days)", "staff:wang", "staff:li",
                        shanghai("2026-03-23T12:00")),
                new InvestigationStarted(ID, "staff:wang", shanghai("2026-03-23T13:00")));
    }

    /** The same case, resolved: its SLA clocks stopped, so only escalation deadlines are left to check. */
    static DeciderSpec<ComplaintCommand, Complaint, ComplaintEvent>.Given resolved() {
        return investigating().and(new ComplaintResolved(ID, "explained", "staff:wang", shanghai("2026-03-27T10:00")));
    }

    /** Escalates the case as the decider decides it, and returns the history with the escalation appended. */
    static DeciderSpec<ComplaintCommand, Complaint, ComplaintEvent>.Given escalate(
            DeciderSpec<ComplaintCommand, Complaint, ComplaintEvent>.Given history, EscalationBody body,
            LocalDate typed) {
        return history.when(new Escalate(ESCALATION, body, "REF-1", typed, "staff:wang", ESCALATED_AT)).next();
    }

    static List<Deadline> deadlines(DeciderSpec<ComplaintCommand, Complaint, ComplaintEvent>.Given history,
                                    Instant now) {
        return EscalationNorms.read(history.state(), SH, SHARE, now);
    }

    /** The escalation warnings (and only those) that a look at the clocks at {@code at} decides. */
    static List<ComplaintEvent> check(DeciderSpec<ComplaintCommand, Complaint, ComplaintEvent>.Given history,
                                      Instant at) {
        return history.when(new CheckSla(SlaPolicy.DEFAULT, SH, at)).events().stream()
                .filter(e -> e instanceof EscalationDeadlineAtRisk || e instanceof EscalationDeadlineMissed).toList();
    }

    // ---- the norms ------------------------------------------------------------------------------------------------

    @Test
    void the_market_regulator_decides_acceptance_in_7_working_days_and_ends_mediation_in_45() {
        var history = escalate(investigating(), EscalationBody.MARKET_REGULATOR_12315, null);
        assertThat(((EscalatedExternally) history.history().getLast()).deadlineSource())
                .isEqualTo("MARKET_REGULATOR_COMPLAINT");

        List<Deadline> d = deadlines(history, shanghai("2026-03-31T09:00"));

        assertThat(d).extracting(Deadline::kind).containsExactly(DeadlineKind.ACCEPTANCE, DeadlineKind.MEDIATION);
        assertThat(d).extracting(Deadline::source).containsOnly("MARKET_REGULATOR_COMPLAINT");
        // Tue 31, Wed 1, Thu 2, Fri 3, (Mon 6 off), Tue 7, Wed 8, Thu 9
        assertThat(d.get(0).dueDate()).isEqualTo(date("2026-04-09"));
        assertThat(d.get(0).atRiskFrom()).as("its last 2 working days").isEqualTo(date("2026-04-08"));
        assertThat(d.get(0).missedAt()).isEqualTo(shanghai("2026-04-10T00:00"));
        // 45 working days from the escalation date (the acceptance date is not recorded), 1 May off too
        assertThat(d.get(1).dueDate()).isEqualTo(date("2026-06-03"));
        assertThat(d.get(1).atRiskFrom()).as("its last 9 working days").isEqualTo(date("2026-05-22"));
        assertThat(d).noneMatch(x -> x.atRisk() || x.missed() || x.paused());

        assertThat(deadlines(history, shanghai("2026-04-08T00:00")).get(0).atRisk()).isTrue();
        Deadline late = deadlines(history, shanghai("2026-04-10T00:00")).get(0);
        assertThat(late.missed()).isTrue();
        assertThat(late.atRisk()).as("missed, no longer merely at risk").isFalse();
    }

    @Test
    void a_12315_online_dispute_gives_the_company_10_working_days_to_settle() {
        // escalated on Friday 3 April, after closing
        var history = investigating().when(new Escalate(ESCALATION, EscalationBody.ONLINE_DISPUTE_12315, "ODR-7",
                null, "staff:wang", shanghai("2026-04-03T19:30"))).next();

        Deadline d = deadlines(history, shanghai("2026-04-07T09:00")).getFirst();

        assertThat(d.kind()).isEqualTo(DeadlineKind.NEGOTIATION);
        assertThat(d.source()).isEqualTo("ONLINE_DISPUTE_RESOLUTION");
        // Tue 7 .. Fri 10, Mon 13 .. Fri 17, Mon 20 (Mon 6 off)
        assertThat(d.dueDate()).isEqualTo(date("2026-04-20"));
        assertThat(d.atRiskFrom()).isEqualTo(date("2026-04-17"));
    }

    @Test
    void peoples_mediation_takes_30_working_days_leaving_out_the_wait_on_the_assessor() {
        var history = escalate(investigating(), EscalationBody.PEOPLES_MEDIATION, null);
        Deadline plain = deadlines(history, shanghai("2026-03-31T09:00")).getFirst();
        assertThat(plain.kind()).isEqualTo(DeadlineKind.MEDIATION);
        assertThat(plain.source()).isEqualTo("MEDICAL_DISPUTE_MEDIATION");
        assertThat(plain.dueDate()).isEqualTo(date("2026-05-13"));
        assertThat(plain.atRiskFrom()).isEqualTo(date("2026-05-06"));

        // a third-party assessment from Monday 13 April 10:00 to Wednesday 15 April 10:00: 8 + 9 + 1 = 18 working
        // hours, 2 working days; a wait on the customer does not count
        var waiting = history.when(new ComplaintCommand.RequestAssessment("Shanghai Medical Association",
                "staff:wang", shanghai("2026-04-13T10:00"))).next();
        Deadline paused = deadlines(waiting, shanghai("2026-04-14T12:00")).getFirst();
        assertThat(paused.paused()).isTrue();
        assertThat(paused.dueDate()).as("while the assessor works the date is not known").isNull();
        assertThat(check(waiting, shanghai("2026-06-30T00:00"))).as("no warning while paused").isEmpty();

        var assessed = waiting.when(new ComplaintCommand.RecordAssessment(AssessmentResult.INCONCLUSIVE,
                "no clear cause", "staff:wang", shanghai("2026-04-15T10:00"))).next()
                .and(new WaitStarted(ID, WaitReason.CUSTOMER, "photos", "staff:wang", shanghai("2026-04-16T09:00")),
                        new WaitEnded(ID, WaitReason.CUSTOMER, "staff:wang", shanghai("2026-04-20T18:00")));
        Deadline moved = deadlines(assessed, shanghai("2026-04-21T09:00")).getFirst();
        assertThat(moved.paused()).isFalse();
        assertThat(moved.dueDate()).isEqualTo(date("2026-05-15"));
        assertThat(moved.atRiskFrom()).isEqualTo(date("2026-05-08"));
    }

    @Test
    void a_wait_on_the_assessor_before_the_escalation_does_not_move_its_deadline_and_a_started_day_counts_whole() {
        var before = investigating().and(
                new WaitStarted(ID, WaitReason.ASSESSOR, "assessor", "staff:wang", shanghai("2026-03-24T09:00")),
                new WaitEnded(ID, WaitReason.ASSESSOR, "staff:wang", shanghai("2026-03-27T18:00")));
        var history = escalate(before, EscalationBody.PEOPLES_MEDIATION, null);
        assertThat(deadlines(history, ESCALATED_AT).getFirst().dueDate()).isEqualTo(date("2026-05-13"));

        // one working hour on the assessor after the escalation gives the mediation a whole day more
        history = history.and(
                new WaitStarted(ID, WaitReason.ASSESSOR, "assessor", "staff:wang", shanghai("2026-04-01T09:00")),
                new WaitEnded(ID, WaitReason.ASSESSOR, "staff:wang", shanghai("2026-04-01T10:00")));
        assertThat(deadlines(history, ESCALATED_AT).getFirst().dueDate()).isEqualTo(date("2026-05-14"));
    }

    @Test
    void a_typed_deadline_wins_over_the_norm_and_says_so() {
        var history = escalate(investigating(), EscalationBody.MARKET_REGULATOR_12315, date("2026-04-20"));
        assertThat(((EscalatedExternally) history.history().getLast()).deadlineSource()).isEqualTo("typed");

        List<Deadline> d = deadlines(history, ESCALATED_AT);

        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(DeadlineKind.TYPED);
            assertThat(x.source()).isEqualTo("typed");
            assertThat(x.dueDate()).isEqualTo(date("2026-04-20"));
            // 14 working days to it (Mon 6 off): at risk after 11, from the 12th
            assertThat(x.atRiskFrom()).isEqualTo(date("2026-04-16"));
        });
    }

    @Test
    void a_body_without_a_public_norm_has_only_a_typed_deadline() {
        for (EscalationBody body : List.of(EscalationBody.CONSUMER_ASSOCIATION, EscalationBody.HEALTH_SUPERVISION,
                EscalationBody.LAWYER_OR_COURT, EscalationBody.SOCIAL_MEDIA)) {
            var history = escalate(resolved(), body, null);
            assertThat(((EscalatedExternally) history.history().getLast()).deadlineSource()).as(body.name()).isNull();
            assertThat(deadlines(history, ESCALATED_AT)).as(body.name()).isEmpty();
            assertThat(SlaScheduling.nextCheck(history.state(), SlaPolicy.DEFAULT, SH, ESCALATED_AT))
                    .as(body.name() + ": nothing to look at").isNull();
            assertThat(deadlines(escalate(resolved(), body, date("2026-04-10")), ESCALATED_AT))
                    .singleElement().extracting(Deadline::source).isEqualTo("typed");
        }
    }

    @Test
    void an_escalation_recorded_before_norms_were_applied_keeps_only_its_typed_deadline() {
        // no computed deadlines for an escalation recorded before they were: it would raise every warning at once
        var history = investigating().and(new EscalatedExternally(ID, ESCALATION,
                EscalationBody.MARKET_REGULATOR_12315, "12315-1", null, "staff:wang", ESCALATED_AT, null));
        assertThat(history.state().escalations().getFirst().deadlineSource()).isNull();
        assertThat(deadlines(history, ESCALATED_AT)).isEmpty();

        var typed = investigating().and(new EscalatedExternally(ID, ESCALATION, EscalationBody.MARKET_REGULATOR_12315,
                "12315-1", date("2026-04-20"), "staff:wang", ESCALATED_AT, null));
        assertThat(deadlines(typed, ESCALATED_AT)).singleElement().extracting(Deadline::kind)
                .isEqualTo(DeadlineKind.TYPED);
    }

    // ---- warnings -------------------------------------------------------------------------------------------------

    @Test
    void each_warning_is_raised_once_per_escalation_and_kind_and_the_scheduler_is_told_when() {
        var history = escalate(resolved(), EscalationBody.MARKET_REGULATOR_12315, null);
        Complaint escalated = history.state();
        assertThat(SlaScheduling.nextCheck(escalated, SlaPolicy.DEFAULT, SH, ESCALATED_AT))
                .as("the acceptance turns at risk first").isEqualTo(shanghai("2026-04-08T00:00"));
        assertThat(check(history, shanghai("2026-04-07T23:59"))).isEmpty();

        var atRisk = check(history, shanghai("2026-04-08T00:00"));
        assertThat(atRisk).containsExactly(new EscalationDeadlineAtRisk(ID, ESCALATION,
                EscalationBody.MARKET_REGULATOR_12315, DeadlineKind.ACCEPTANCE, "MARKET_REGULATOR_COMPLAINT",
                date("2026-04-09"), shanghai("2026-04-08T00:00")));
        history = history.and(atRisk);
        assertThat(check(history, shanghai("2026-04-08T00:05"))).as("a second look raises nothing").isEmpty();
        assertThat(SlaScheduling.nextCheck(history.state(), SlaPolicy.DEFAULT, SH, shanghai("2026-04-08T00:05")))
                .isEqualTo(shanghai("2026-04-10T00:00"));

        var missed = check(history, shanghai("2026-04-10T00:00"));
        assertThat(missed).containsExactly(new EscalationDeadlineMissed(ID, ESCALATION,
                EscalationBody.MARKET_REGULATOR_12315, DeadlineKind.ACCEPTANCE, "MARKET_REGULATOR_COMPLAINT",
                date("2026-04-09"), shanghai("2026-04-10T00:00")));
        history = history.and(missed);
        assertThat(check(history, shanghai("2026-04-10T08:00"))).isEmpty();
        assertThat(SlaScheduling.nextCheck(history.state(), SlaPolicy.DEFAULT, SH, shanghai("2026-04-10T08:00")))
                .as("then the mediation's turn").isEqualTo(shanghai("2026-05-22T00:00"));
        assertThat(history.state().escalated().warnings()).hasSize(2);
    }

    @Test
    void a_look_long_after_raises_both_warnings_of_every_deadline_at_once() {
        var history = escalate(resolved(), EscalationBody.MARKET_REGULATOR_12315, null);
        var late = check(history, shanghai("2026-07-01T12:00"));
        assertThat(late).hasSize(4);
        assertThat(check(history.and(late), shanghai("2026-07-01T12:01"))).isEmpty();
        assertThat(SlaScheduling.nextCheck(history.and(late).state(), SlaPolicy.DEFAULT, SH,
                shanghai("2026-07-01T12:01"))).isNull();
    }

    @Test
    void an_escalation_with_its_outcome_recorded_stops_warning() {
        var history = escalate(resolved(), EscalationBody.ONLINE_DISPUTE_12315, null);
        history = history.and(new EscalationOutcomeRecorded(ID, ESCALATION, "settled with the customer", "staff:wang",
                shanghai("2026-04-02T15:00")));

        assertThat(check(history, shanghai("2026-06-01T00:00"))).isEmpty();
        assertThat(SlaScheduling.nextCheck(history.state(), SlaPolicy.DEFAULT, SH, shanghai("2026-06-01T00:00")))
                .isNull();
        Deadline d = deadlines(history, shanghai("2026-06-01T00:00")).getFirst();
        assertThat(d.missed()).as("settled in time").isFalse();
        assertThat(d.atRisk()).isFalse();
    }
}
