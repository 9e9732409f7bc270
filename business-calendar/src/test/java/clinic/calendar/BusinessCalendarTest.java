package clinic.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    // an example holiday week with two make-up Saturdays/Sundays, as a State Council notice sets them
    static final Set<LocalDate> GOLDEN_WEEK = Stream.iterate(LocalDate.parse("2026-10-01"), d -> d.plusDays(1)).limit(7)
            .collect(java.util.stream.Collectors.toSet());
    static final Set<LocalDate> MAKE_UP = Set.of(LocalDate.parse("2026-09-27"), LocalDate.parse("2026-10-10"));

    static final BusinessCalendar SH = new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0),
            WEEKDAYS, GOLDEN_WEEK, MAKE_UP);

    static Instant shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void a_working_day_is_the_length_of_the_business_hours() {
        assertThat(SH.workingDay()).isEqualTo(Duration.ofHours(9));
    }

    @Test
    void working_time_stops_at_closing_and_over_the_weekend() {
        // Friday 17:00 + one working day = Monday 17:00
        assertThat(SH.plusWorkingTime(shanghai("2026-03-06T17:00"), Duration.ofHours(9))).isEqualTo(shanghai("2026-03-09T17:00"));
        assertThat(SH.workingTimeBetween(shanghai("2026-03-06T17:00"), shanghai("2026-03-09T10:00"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void a_complaint_filed_at_night_starts_counting_at_opening() {
        assertThat(SH.plusWorkingTime(shanghai("2026-03-03T23:30"), Duration.ofHours(1))).isEqualTo(shanghai("2026-03-04T10:00"));
        assertThat(SH.plusWorkingTime(shanghai("2026-03-04T07:00"), Duration.ofHours(1))).isEqualTo(shanghai("2026-03-04T10:00"));
        assertThat(SH.workingTimeBetween(shanghai("2026-03-03T19:00"), shanghai("2026-03-04T08:59"))).isZero();
    }

    @Test
    void public_holidays_do_not_count_and_make_up_days_do() {
        assertThat(SH.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse(); // Thursday, holiday
        assertThat(SH.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();  // Saturday, make-up day
        assertThat(SH.isWorkingDay(LocalDate.parse("2026-10-11"))).isFalse(); // Sunday
        // Wednesday 30 Sept 17:00 + 2 working hours: 1 hour that day, the holiday week, then Thursday 8 Oct 10:00
        assertThat(SH.plusWorkingTime(shanghai("2026-09-30T17:00"), Duration.ofHours(2))).isEqualTo(shanghai("2026-10-08T10:00"));
        // the make-up Sunday before it counts
        assertThat(SH.workingTimeBetween(shanghai("2026-09-26T00:00"), shanghai("2026-09-28T00:00"))).isEqualTo(Duration.ofHours(9));
    }

    @Test
    void a_case_that_spans_a_holiday_is_due_ten_working_days_later_not_ten_weekdays() {
        Instant filed = shanghai("2026-09-29T10:00"); // Tuesday
        Instant due = SH.plusWorkingTime(filed, SH.workingDay().multipliedBy(10));
        // 8 h on the 29th, then 30 Sep, 8, 9, 10 (Saturday, make-up), 12, 13, 14, 15, 16 Oct (81 h), 1 h on Monday the 19th
        assertThat(due).isEqualTo(shanghai("2026-10-19T10:00"));
        assertThat(SH.workingTimeBetween(filed, due)).isEqualTo(Duration.ofHours(90));
    }

    @Test
    void each_branch_counts_in_its_own_time_zone() {
        BusinessCalendar tokyo = new BusinessCalendar(ZoneId.of("Asia/Tokyo"), LocalTime.of(9, 0), LocalTime.of(18, 0),
                WEEKDAYS, Set.of(), Set.of());
        Instant sameMoment = Instant.parse("2026-03-04T08:30:00Z"); // 16:30 in Shanghai, 17:30 in Tokyo
        assertThat(SH.plusWorkingTime(sameMoment, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-03-04T09:30:00Z"));
        assertThat(tokyo.plusWorkingTime(sameMoment, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-03-05T00:30:00Z"));
    }

    @Test
    void seven_working_days_skip_weekends_and_the_golden_week_and_count_make_up_days() {
        // agreed on Friday 25 September: Sun 27 (make-up), Mon 28, Tue 29, Wed 30, (1-7 Oct off) Thu 8, Fri 9, Sat 10 (make-up)
        assertThat(SH.plusWorkingDays(LocalDate.parse("2026-09-25"), 7)).isEqualTo(LocalDate.parse("2026-10-10"));
        assertThat(SH.plusWorkingDays(LocalDate.parse("2026-03-02"), 7)).isEqualTo(LocalDate.parse("2026-03-11"));
        assertThat(SH.plusWorkingDays(LocalDate.parse("2026-03-02"), 0)).isEqualTo(LocalDate.parse("2026-03-02"));
    }

    @Test
    void a_call_due_at_night_or_on_a_holiday_moves_to_the_next_opening() {
        assertThat(SH.nextOpen(shanghai("2026-03-03T10:15"))).isEqualTo(shanghai("2026-03-03T10:15"));
        assertThat(SH.nextOpen(shanghai("2026-03-03T07:00"))).isEqualTo(shanghai("2026-03-03T09:00"));
        assertThat(SH.nextOpen(shanghai("2026-03-03T18:00"))).isEqualTo(shanghai("2026-03-04T09:00"));
        assertThat(SH.nextOpen(shanghai("2026-03-06T23:30"))).isEqualTo(shanghai("2026-03-09T09:00"));
        assertThat(SH.nextOpen(shanghai("2026-09-30T20:00"))).isEqualTo(shanghai("2026-10-08T09:00"));
    }

    @Test
    void an_unanswered_call_tries_again_at_the_next_working_days_opening() {
        assertThat(SH.nextWorkingDayOpening(shanghai("2026-03-06T11:00"))).isEqualTo(shanghai("2026-03-09T09:00"));
        assertThat(SH.nextWorkingDayOpening(shanghai("2026-10-09T11:00"))).isEqualTo(shanghai("2026-10-10T09:00"));
    }

    @Test
    void a_branch_overrides_the_chains_settings_part_by_part() {
        CalendarSettings chain = settings(null, LocalTime.of(10, 0), Set.of(LocalDate.parse("2026-05-01")));
        CalendarSettings hongKong = settings(ZoneId.of("Asia/Hong_Kong"), null, null);
        BusinessCalendar hk = CalendarSettings.resolve(hongKong, chain);
        assertThat(hk.zone()).isEqualTo(ZoneId.of("Asia/Hong_Kong"));
        assertThat(hk.opens()).isEqualTo(LocalTime.of(10, 0));
        assertThat(hk.closes()).isEqualTo(LocalTime.of(18, 0));
        assertThat(hk.isWorkingDay(LocalDate.parse("2026-05-01"))).isFalse();
        assertThat(CalendarSettings.resolve(null, chain).zone()).isEqualTo(SHANGHAI);
    }

    private static CalendarSettings settings(ZoneId zone, LocalTime opens, Set<LocalDate> holidays) {
        return new CalendarSettings() {
            public java.util.Optional<ZoneId> zone() {
                return java.util.Optional.ofNullable(zone);
            }

            public java.util.Optional<LocalTime> opens() {
                return java.util.Optional.ofNullable(opens);
            }

            public java.util.Optional<LocalTime> closes() {
                return java.util.Optional.empty();
            }

            public java.util.Optional<java.util.List<DayOfWeek>> workingDays() {
                return java.util.Optional.empty();
            }

            public java.util.Optional<java.util.List<LocalDate>> holidays() {
                return java.util.Optional.ofNullable(holidays).map(java.util.List::copyOf);
            }

            public java.util.Optional<java.util.List<LocalDate>> makeUpDays() {
                return java.util.Optional.empty();
            }

            public java.util.Optional<String> official() {
                return java.util.Optional.empty();
            }
        };
    }
}
