package clinic.complaint.domain.sla;

import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Channel;
import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.ComplaintCommand.CheckSla;
import clinic.complaint.domain.ComplaintEvent;
import clinic.complaint.domain.ComplaintEvent.ComplaintAcknowledged;
import clinic.complaint.domain.ComplaintEvent.ComplaintAssessed;
import clinic.complaint.domain.ComplaintEvent.ComplaintFiled;
import clinic.complaint.domain.ComplaintEvent.ComplaintReopened;
import clinic.complaint.domain.ComplaintEvent.ComplaintResolved;
import clinic.complaint.domain.ComplaintEvent.InvestigationStarted;
import clinic.complaint.domain.ComplaintEvent.SlaAtRisk;
import clinic.complaint.domain.ComplaintEvent.SlaBreached;
import clinic.complaint.domain.ComplaintEvent.WaitEnded;
import clinic.complaint.domain.ComplaintEvent.WaitStarted;
import clinic.eventstore.domain.Money;
import clinic.complaint.domain.Remedy;
import clinic.complaint.domain.Severity;
import clinic.complaint.domain.Subject;
import clinic.complaint.domain.WaitReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static clinic.complaint.domain.ComplaintDeciderTest.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaClocksTest {

    /** Shanghai office hours, with the 2026 golden week off and its two make-up days worked. */
    static final BusinessCalendar SH = new BusinessCalendar(java.time.ZoneId.of("Asia/Shanghai"),
            java.time.LocalTime.of(9, 0), java.time.LocalTime.of(18, 0),
            java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY),
            java.util.stream.Stream.iterate(java.time.LocalDate.parse("2026-10-01"), d -> d.plusDays(1)).limit(7)
                    .collect(java.util.stream.Collectors.toSet()),
            java.util.Set.of(java.time.LocalDate.parse("2026-09-27"), java.time.LocalDate.parse("2026-10-10")));

    static Instant shanghai(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SH.zone()).toInstant();
    }


    static final UUID ID = UUID.randomUUID();
    static final SlaPolicy POLICY = SlaPolicy.DEFAULT;

    static ComplaintFiled filed(String at, Category category) {
        return new ComplaintFiled(ID, "SH001-2026-000001", "SH001", "cust-1", Channel.FRONT_DESK, category,
                Remedy.APOLOGY, new Money(100, "CNY"), shanghai(at), POLICY);
    }

    /** The scheduler's look at the clocks at {@code at}, under the default targets. */
    static CheckSla checkAt(Instant at) {
        return new CheckSla(POLICY, SH, at);
    }

    @Test
    void acknowledgement_is_due_one_working_day_after_filing_and_at_risk_at_eighty_percent() {
        var filed = SPEC.given(filed("2026-03-06T17:00", Category.TREATMENT_RESULT)); // Friday, one hour before closing
        SlaReading ack = SlaClocks.acknowledge(filed.state(), POLICY, SH, shanghai("2026-03-06T17:30"));

        assertThat(ack.dueAt()).isEqualTo(shanghai("2026-03-09T17:00"));
        // 80% of 9 h = 7 h 12 min: 1 h on Friday, 6 h 12 min on Monday
        assertThat(ack.atRiskAt()).isEqualTo(shanghai("2026-03-09T15:12"));
        assertThat(ack.state()).isEqualTo(SlaState.ON_TRACK);
        assertThat(SlaClocks.acknowledge(filed.state(), POLICY, SH, shanghai("2026-03-09T16:00")).state())
                .isEqualTo(SlaState.AT_RISK);
        assertThat(SlaClocks.acknowledge(filed.state(), POLICY, SH, shanghai("2026-03-09T17:01")).state())
                .isEqualTo(SlaState.BREACHED);
        var acknowledged = new ComplaintAcknowledged(ID, "staff:li", shanghai("2026-03-09T09:30"));
        SlaReading met = SlaClocks.acknowledge(filed.and(acknowledged).state(), POLICY, SH,
                shanghai("2026-03-20T00:00"));
        assertThat(met.state()).isEqualTo(SlaState.MET);
        assertThat(met.used()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void an_adverse_reaction_is_acknowledged_within_two_hours_of_the_clock_day_or_night() {
        var filed = SPEC.given(filed("2026-03-03T23:00", Category.ADVERSE_REACTION));
        SlaReading ack = SlaClocks.acknowledge(filed.state(), POLICY, SH, shanghai("2026-03-03T23:10"));
        assertThat(ack.dueAt()).isEqualTo(shanghai("2026-03-04T01:00"));
        assertThat(ack.target().workingTime()).isFalse();
    }

    @Test
    void waits_pause_the_resolve_clock_and_push_its_due_date_back() {
        var running = SPEC.given(filed("2026-03-02T09:00", Category.TREATMENT_RESULT), // Monday at opening
                new ComplaintAcknowledged(ID, "s", shanghai("2026-03-02T10:00")),
                new ComplaintAssessed(ID, Category.TREATMENT_RESULT, Severity.LOW, Subject.SERVICE,
                        LocalDate.parse("2026-03-01"), true, "feedback", "s", "s", shanghai("2026-03-02T11:00")),
                new InvestigationStarted(ID, "s", shanghai("2026-03-02T12:00")));
        // 10 working days from Monday 09:00 = Friday of the next week at 18:00
        assertThat(SlaClocks.resolve(running.state(), POLICY, SH, shanghai("2026-03-03T09:00")).dueAt())
                .isEqualTo(shanghai("2026-03-13T18:00"));

        var waiting = running.and(
                new WaitStarted(ID, WaitReason.CUSTOMER, "photos", "s", shanghai("2026-03-03T09:00")));
        SlaReading paused = SlaClocks.resolve(waiting.state(), POLICY, SH, shanghai("2026-03-05T12:00"));
        assertThat(paused.state()).isEqualTo(SlaState.PAUSED);
        assertThat(paused.dueAt()).isNull();
        assertThat(paused.used()).isEqualTo(Duration.ofHours(9)); // all of Monday, nothing since

        // two working days waiting: due two working days later
        var resumed = waiting.and(new WaitEnded(ID, WaitReason.CUSTOMER, "s", shanghai("2026-03-05T09:00")));
        SlaReading after = SlaClocks.resolve(resumed.state(), POLICY, SH, shanghai("2026-03-05T10:00"));
        assertThat(after.dueAt()).isEqualTo(shanghai("2026-03-17T18:00"));
        assertThat(after.used()).isEqualTo(Duration.ofHours(10));
        waiting.when(checkAt(shanghai("2026-03-16T12:00"))).thenNothing(); // paused: nothing raised however late
    }

    @Test
    void a_severity_may_have_its_own_resolve_target_once_the_case_is_assessed() {
        SlaPolicy critical5 = new SlaPolicy(POLICY.acknowledge(), new SlaPolicy.Targets(SlaTargetTime.workingDays(10),
                java.util.Map.of(), java.util.Map.of(Severity.CRITICAL, SlaTargetTime.workingDays(5))), 0.8);
        var filed = SPEC.given(filed("2026-03-02T09:00", Category.TREATMENT_RESULT));
        assertThat(SlaClocks.resolve(filed.state(), critical5, SH, shanghai("2026-03-02T10:00")).dueAt())
                .isEqualTo(shanghai("2026-03-13T18:00"));
        var assessed = new ComplaintAssessed(ID, Category.TREATMENT_RESULT, Severity.CRITICAL, Subject.SERVICE,
                LocalDate.parse("2026-03-01"), true, "feedback", "s", "s", shanghai("2026-03-02T11:00"));
        assertThat(SlaClocks.resolve(filed.and(assessed).state(), critical5, SH, shanghai("2026-03-02T12:00")).dueAt())
                .isEqualTo(shanghai("2026-03-06T18:00"));
    }

    @Test
    void a_category_target_and_a_severity_target_both_apply_and_the_stricter_wins() {
        SlaPolicy policy = new SlaPolicy(POLICY.acknowledge(), new SlaPolicy.Targets(SlaTargetTime.workingDays(10),
                java.util.Map.of(Category.PRIVACY, SlaTargetTime.workingDays(3)),
                java.util.Map.of(Severity.LOW, SlaTargetTime.workingDays(15), Severity.CRITICAL,
                        SlaTargetTime.elapsed(Duration.ofHours(48)))), 0.8);
        var filed = SPEC.given(filed("2026-03-02T09:00", Category.PRIVACY));
        // only the category's target is known before assessment
        assertThat(SlaClocks.resolve(filed.state(), policy, SH, shanghai("2026-03-02T10:00")).dueAt())
                .isEqualTo(shanghai("2026-03-04T18:00"));
        // LOW allows 15 working days, PRIVACY 3: the 3 apply
        assertThat(SlaClocks.resolve(filed.and(assessed(Category.PRIVACY, Severity.LOW)).state(), policy, SH,
                shanghai("2026-03-02T12:00")).dueAt()).isEqualTo(shanghai("2026-03-04T18:00"));
        // CRITICAL allows 48 hours of elapsed time, earlier than 3 working days: the 48 hours apply
        assertThat(SlaClocks.resolve(filed.and(assessed(Category.PRIVACY, Severity.CRITICAL)).state(), policy, SH,
                shanghai("2026-03-02T12:00")).dueAt()).isEqualTo(shanghai("2026-03-04T09:00"));
        // a category without a target of its own and a severity without one: the chain's 10 working days
        var billing = SPEC.given(filed("2026-03-02T09:00", Category.BILLING_PRICE),
                assessed(Category.BILLING_PRICE, Severity.MEDIUM));
        assertThat(SlaClocks.resolve(billing.state(), policy, SH,
                shanghai("2026-03-02T12:00")).dueAt()).isEqualTo(shanghai("2026-03-13T18:00"));
    }

    @Test
    void a_target_is_written_as_working_days_or_as_elapsed_time() {
        assertThat(SlaTargetTime.parse("10")).isEqualTo(SlaTargetTime.workingDays(10));
        assertThat(SlaTargetTime.parse("PT2H")).isEqualTo(SlaTargetTime.elapsed(Duration.ofHours(2)));
        assertThat(SlaTargetTime.parse("10").in(SH).duration()).isEqualTo(Duration.ofHours(90));
        for (String bad : new String[]{"0", "-1", "ten", "PT0S", "P-1D", ""}) {
            assertThatThrownBy(() -> SlaTargetTime.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("working days (10)");
        }
    }

    private static ComplaintAssessed assessed(Category category, Severity severity) {
        return new ComplaintAssessed(ID, category, severity, Subject.SERVICE, LocalDate.parse("2026-03-01"), true,
                "feedback", "s", "s", shanghai("2026-03-02T11:00"));
    }

    @Test
    void warnings_are_raised_once_each_when_their_moment_comes() {
        var filed = SPEC.given(filed("2026-03-06T17:00", Category.TREATMENT_RESULT));
        filed.when(checkAt(shanghai("2026-03-09T15:00"))).thenNothing();

        var atRisk = filed.when(checkAt(shanghai("2026-03-09T15:12")))
                .then(new SlaAtRisk(ID, SlaClockName.ACKNOWLEDGE, 0, shanghai("2026-03-09T17:00"),
                        shanghai("2026-03-09T15:12")))
                .next();
        atRisk.when(checkAt(shanghai("2026-03-09T16:00"))).thenNothing();

        var breached = atRisk.when(checkAt(shanghai("2026-03-09T17:00")))
                .then(new SlaBreached(ID, SlaClockName.ACKNOWLEDGE, 0, shanghai("2026-03-09T17:00"),
                        shanghai("2026-03-09T17:00")))
                .next();
        breached.when(checkAt(shanghai("2026-03-10T17:00"))).thenNothing();
    }

    @Test
    void a_scheduler_that_looks_late_raises_both_warnings_at_once() {
        SPEC.given(filed("2026-03-06T17:00", Category.TREATMENT_RESULT)).when(checkAt(shanghai("2026-03-10T09:00")))
                .thenEvents(decided -> assertThat(decided).extracting(e -> e.getClass().getSimpleName())
                        .containsExactly("SlaAtRisk", "SlaBreached"));
    }

    @Test
    void the_next_check_is_the_earliest_warning_not_yet_raised() {
        var filed = SPEC.given(filed("2026-03-06T17:00", Category.TREATMENT_RESULT));
        assertThat(SlaScheduling.nextCheck(filed.state(), POLICY, SH, shanghai("2026-03-06T17:00")))
                .isEqualTo(shanghai("2026-03-09T15:12"));
        var atRisk = new SlaAtRisk(ID, SlaClockName.ACKNOWLEDGE, 0, shanghai("2026-03-09T17:00"), shanghai("2026-03-09T15:12"));
        assertThat(SlaScheduling.nextCheck(filed.and(atRisk).state(), POLICY, SH, shanghai("2026-03-09T15:12")))
                .isEqualTo(shanghai("2026-03-09T17:00"));
    }

    @Test
    void a_reopened_case_runs_a_new_resolve_clock_with_its_own_warnings() {
        var filed = filed("2026-03-02T09:00", Category.TREATMENT_RESULT);
        var breachedBefore = new SlaBreached(ID, SlaClockName.RESOLVE, 0, shanghai("2026-03-13T18:00"), shanghai("2026-03-13T18:00"));
        var resolved = new ComplaintResolved(ID, "explained", "s", shanghai("2026-03-16T10:00"));
        var reopened = new ComplaintReopened(ID, "still unhappy", "followup-service", 1, shanghai("2026-03-20T10:00"));
        Complaint again = SPEC.given(filed, new ComplaintAcknowledged(ID, "s", shanghai("2026-03-02T09:30")),
                breachedBefore, resolved, reopened).state();

        SlaReading resolve = SlaClocks.resolve(again, POLICY, SH, shanghai("2026-03-20T11:00"));
        assertThat(resolve.startedAt()).isEqualTo(shanghai("2026-03-20T10:00"));
        assertThat(resolve.state()).isEqualTo(SlaState.ON_TRACK);
        assertThat(again.slaWarningRaised(SlaClockName.RESOLVE, SlaWarningLevel.BREACHED)).isFalse();
    }

    @Test
    void replaying_the_same_history_gives_the_same_clocks() {
        var history = new ComplaintEvent[]{filed("2026-03-06T17:00", Category.TREATMENT_RESULT),
                new ComplaintAcknowledged(ID, "s", shanghai("2026-03-09T09:30"))};
        Instant later = shanghai("2026-04-01T00:00");
        assertThat(SlaClocks.read(SPEC.given(history).state(), POLICY, SH, later))
                .isEqualTo(SlaClocks.read(SPEC.given(history).state(), POLICY, SH, later));
        assertThat(SlaClocks.read(SPEC.given(history).state(), POLICY, SH, later).getFirst().state())
                .isEqualTo(SlaState.MET);
    }

    @Test
    void the_acknowledged_and_resolved_events_keep_the_stopped_clocks_reading_pauses_and_holidays_excluded() {
        // Tuesday 29 September, an hour before closing; the golden week (1-7 October) off, Saturday 10 October worked
        var filed = filed("2026-09-29T17:00", Category.TREATMENT_RESULT);
        var context = new SlaContext(POLICY, SH);
        SPEC.given(filed)
                .when(new clinic.complaint.domain.ComplaintCommand.AcknowledgeComplaint("s", shanghai("2026-09-30T10:00"),
                        context))
                // 17:00-18:00 on the 29th and 09:00-10:00 on the 30th: two business hours of a nine-hour day
                .thenEvents(events -> assertThat(((ComplaintAcknowledged) events.getFirst()).clock())
                        .isEqualTo(new SlaClockStop(2 * 3600, 9 * 3600, true)));

        var waiting = new ComplaintEvent[]{filed, new ComplaintAcknowledged(ID, "s", shanghai("2026-09-30T10:00")),
                new ComplaintAssessed(ID, Category.TREATMENT_RESULT, Severity.MEDIUM, Subject.SERVICE,
                        LocalDate.parse("2026-09-25"), true, "feedback window", "staff:wang", "s",
                        shanghai("2026-09-30T10:30")),
                new InvestigationStarted(ID, "staff:wang", shanghai("2026-09-30T10:45")),
                new WaitStarted(ID, WaitReason.CUSTOMER, "photos", "s", shanghai("2026-09-30T11:00")),
                new WaitEnded(ID, WaitReason.CUSTOMER, "s", shanghai("2026-10-09T10:00"))};
        SPEC.given(waiting)
                .when(new clinic.complaint.domain.ComplaintCommand.Resolve("explained", "s",
                        shanghai("2026-10-10T12:00"), context))
                // 1 h on the 29th, 2 h on the 30th until the wait, the wait (the golden week and the 8th in it) not
                // counted, 8 h on the 9th from 10:00, 3 h on the make-up Saturday: 14 business hours
                .thenEvents(events -> assertThat(((ComplaintResolved) events.getFirst()).clock())
                        .satisfies(clock -> {
                            assertThat(clock.usedSeconds()).isEqualTo(14 * 3600);
                            assertThat(clock.met()).isEqualTo(clock.usedSeconds() <= clock.targetSeconds());
                        }));
    }
}
