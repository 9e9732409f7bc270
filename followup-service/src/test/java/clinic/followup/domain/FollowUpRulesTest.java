package clinic.followup.domain;

import clinic.calendar.BusinessCalendar;
import clinic.followup.domain.FollowUpCommand.ScheduleFollowUp;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule rules, with fixed instants: every call inside the branch's business hours, in its time zone. */
class FollowUpRulesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Set<LocalDate> GOLDEN_WEEK = Stream.iterate(LocalDate.parse("2026-10-01"), d -> d.plusDays(1)).limit(7)
            .collect(Collectors.toSet());
    static final BusinessCalendar SH = new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), GOLDEN_WEEK, Set.of(LocalDate.parse("2026-10-10")));
    static final FollowUpPolicy POLICY = FollowUpRules.defaults();
    static final UUID COMPLAINT = UUID.randomUUID();

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static Instant sh(String localDateTime) {
        return at(localDateTime, SHANGHAI);
    }

    static List<Instant> dues(List<ScheduleFollowUp> tasks) {
        return tasks.stream().map(ScheduleFollowUp::dueAt).toList();
    }

    @Test
    void a_complaint_filed_on_a_friday_evening_is_called_back_on_monday_morning_not_on_saturday_night() {
        var tasks = FollowUpRules.onComplaintFiled(COMPLAINT, "SH001", "cust-1", sh("2026-03-06T20:00"), POLICY, SH);
        assertThat(dues(tasks)).containsExactly(sh("2026-03-09T09:00"));
        assertThat(tasks.getFirst().kind()).isEqualTo(FollowUpKind.INTAKE_CALLBACK);
    }

    @Test
    void the_1_3_7_callbacks_fall_on_working_days_inside_business_hours() {
        // resolved Wednesday 4 March 15:00: Thursday 15:00, Saturday -> Monday 09:00, next Wednesday 15:00
        var tasks = FollowUpRules.afterResolution(COMPLAINT, 0, "SH001", "cust-1", sh("2026-03-04T15:00"), POLICY, SH);
        assertThat(dues(tasks)).containsExactly(sh("2026-03-05T15:00"), sh("2026-03-09T09:00"), sh("2026-03-11T15:00"));
        assertThat(tasks).extracting(ScheduleFollowUp::day).containsExactly(1, 3, 7);
        assertThat(tasks.stream().map(ScheduleFollowUp::taskId).distinct()).hasSize(3);
    }

    @Test
    void no_callback_falls_on_a_public_holiday() {
        // resolved the day before the golden week: every call waits for the first working day after it
        var tasks = FollowUpRules.afterResolution(COMPLAINT, 0, "SH001", "cust-1", sh("2026-09-30T10:00"), POLICY, SH);
        assertThat(dues(tasks)).containsExactly(sh("2026-10-08T09:00"), sh("2026-10-08T09:00"), sh("2026-10-08T09:00"));
        assertThat(dues(tasks)).allSatisfy(due -> assertThat(SH.isOpen(due)).isTrue());
    }

    @Test
    void calls_follow_the_branchs_own_time_zone() {
        var newYork = new BusinessCalendar(ZoneId.of("America/New_York"), LocalTime.of(9, 0), LocalTime.of(18, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), Set.of());
        // 10:00 on 5 March in Shanghai is 21:00 on 4 March in New York: day 1 is 21:00 on the 5th there, after
        // closing, so 09:00 on the 6th, New York time
        Instant resolved = sh("2026-03-05T10:00");
        var ny = FollowUpRules.afterResolution(COMPLAINT, 0, "NY001", "cust-1", resolved, POLICY, newYork);
        assertThat(ny.getFirst().dueAt()).isEqualTo(at("2026-03-06T09:00", ZoneId.of("America/New_York")));
        var shanghai = FollowUpRules.afterResolution(COMPLAINT, 0, "SH001", "cust-1", resolved, POLICY, SH);
        assertThat(shanghai.getFirst().dueAt()).isEqualTo(sh("2026-03-06T10:00"));
    }

    @Test
    void a_reopened_case_resolved_again_gets_a_new_series_and_a_settlement_in_the_same_cycle_does_not() {
        var first = FollowUpRules.afterResolution(COMPLAINT, 0, "SH001", "c", sh("2026-03-04T15:00"), POLICY, SH);
        var settledLater = FollowUpRules.afterResolution(COMPLAINT, 0, "SH001", "c", sh("2026-03-06T11:00"), POLICY, SH);
        var afterReopening = FollowUpRules.afterResolution(COMPLAINT, 1, "SH001", "c", sh("2026-03-20T11:00"), POLICY, SH);
        assertThat(settledLater).extracting(ScheduleFollowUp::taskId)
                .containsExactlyElementsOf(first.stream().map(ScheduleFollowUp::taskId).toList());
        assertThat(afterReopening).extracting(ScheduleFollowUp::taskId)
                .doesNotContainAnyElementsOf(first.stream().map(ScheduleFollowUp::taskId).toList());
    }

    @Test
    void the_check_in_comes_within_24_hours_of_a_corrective_visit() {
        assertThat(FollowUpRules.afterCorrectiveVisit(COMPLAINT, "SH001", "c", sh("2026-03-03T11:00"), POLICY, SH).dueAt())
                .isEqualTo(sh("2026-03-03T13:00"));
        // Friday 17:00: two hours later the branch is closed until Monday, beyond the 24 hours: call at 17:30
        assertThat(FollowUpRules.afterCorrectiveVisit(COMPLAINT, "SH001", "c", sh("2026-03-06T17:00"), POLICY, SH).dueAt())
                .isEqualTo(sh("2026-03-06T17:30"));
        // Friday 18:30, after closing: nothing open within 24 hours, so the first opening, never the night
        assertThat(FollowUpRules.afterCorrectiveVisit(COMPLAINT, "SH001", "c", sh("2026-03-06T18:30"), POLICY, SH).dueAt())
                .isEqualTo(sh("2026-03-09T09:00"));
    }

    @Test
    void product_follow_ups_follow_the_product_line_and_share_a_call_per_line_and_day() {
        UUID sale = UUID.randomUUID();
        var tasks = FollowUpRules.afterProductSale(sale, "SH001", "c", sh("2026-03-02T11:00"),
                List.of(ProductLine.GENERAL, ProductLine.THERAPEUTIC, ProductLine.GENERAL, ProductLine.BRAND), POLICY, SH);
        // general day 2 and 5, therapeutic day 3, brand within the week (day 6: Sunday -> Monday)
        assertThat(tasks).extracting(ScheduleFollowUp::day).containsExactly(2, 5, 3, 6);
        assertThat(dues(tasks)).containsExactly(sh("2026-03-04T11:00"), sh("2026-03-09T09:00"), sh("2026-03-05T11:00"),
                sh("2026-03-09T09:00"));
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.purchaseId()).isEqualTo(sale);
            assertThat(t.complaintId()).isNull();
        });
        assertThat(FollowUpRules.afterProductSale(sale, "SH001", "c", sh("2026-03-02T11:00"), List.of(ProductLine.GENERAL),
                POLICY, SH).getFirst().taskId()).isEqualTo(tasks.getFirst().taskId());
    }

    @Test
    void the_survey_goes_out_24_hours_after_closing_inside_business_hours() {
        var survey = FollowUpRules.surveyAfterClosing(COMPLAINT, "SH001", "c", sh("2026-03-06T17:00"), "tok", POLICY, SH);
        assertThat(survey.sendAt()).isEqualTo(sh("2026-03-09T09:00"));
        assertThat(survey.surveyId()).isEqualTo(FollowUpRules.surveyId(COMPLAINT));
    }

    @Test
    void an_unanswered_call_is_tried_again_at_the_next_working_days_opening() {
        assertThat(FollowUpRules.nextAttempt(sh("2026-03-06T15:00"), SH)).isEqualTo(sh("2026-03-09T09:00"));
        assertThat(FollowUpRules.nextAttempt(sh("2026-09-30T15:00"), SH)).isEqualTo(sh("2026-10-08T09:00"));
    }
}
