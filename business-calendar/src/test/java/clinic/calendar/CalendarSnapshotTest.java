package clinic.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static clinic.calendar.OfficialCalendarTest.CN;
import static clinic.calendar.OfficialCalendarTest.WEEKDAYS;
import static clinic.calendar.OfficialCalendarTest.d;
import static clinic.calendar.OfficialCalendarTest.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A case's calendar frozen into its history: the days it was promised, whatever the holiday data says later. */
class CalendarSnapshotTest {

    static final BusinessCalendar SH = new BusinessCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0),
            LocalTime.of(18, 0), WEEKDAYS, Set.of(d("2026-12-24")), Set.of(), OfficialCalendar.china());

    @Test
    void a_snapshot_gives_back_the_same_days_and_times_as_the_calendar_it_was_taken_from() {
        CalendarSnapshot s = SH.snapshot(d("2026-09-01"), d("2027-03-31"));
        BusinessCalendar frozen = CN.withOfficial(OfficialCalendar.NONE).frozenBy(s);

        for (LocalDate day = s.from(); !day.isAfter(s.to()); day = day.plusDays(1)) {
            assertThat(frozen.isWorkingDay(day)).as(day.toString()).isEqualTo(SH.isWorkingDay(day));
        }
        Instant filed = shanghai("2026-09-29T10:00");
        Duration tenDays = SH.workingDay().multipliedBy(10);
        assertThat(frozen.plusWorkingTime(filed, tenDays)).isEqualTo(SH.plusWorkingTime(filed, tenDays));
        assertThat(frozen.plusWorkingDays(d("2026-12-30"), 5)).isEqualTo(SH.plusWorkingDays(d("2026-12-30"), 5));
        assertThat(frozen.zone()).isEqualTo(SH.zone());
        assertThat(frozen.workingDay()).isEqualTo(Duration.ofHours(9));

        assertThat(s.zone()).isEqualTo("Asia/Shanghai");
        assertThat(s.workingDays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(s.holidays()).contains(d("2026-10-01"), d("2026-10-03"), d("2026-12-24"), d("2027-01-01"),
                d("2027-02-05")).as("Saturday 3 October is listed: the notice gives it off").isSorted();
        assertThat(s.makeUpDays()).containsExactly(d("2026-09-20"), d("2026-10-10"));
        assertThat(s.source()).contains("CN 2026 published", "国办发明电〔2025〕7号")
                .contains("CN 2027", "statutory days only").contains("operator holidays [2026-12-24]");
    }

    @Test
    void a_frozen_case_keeps_its_days_after_the_next_years_notice_arrives_and_an_operator_changes_a_day(
            @TempDir Path dir) throws Exception {
        // filed on 2026-12-30 while 2027 has only its statutory days: Friday 1 January off, nothing else
        CalendarSnapshot s = SH.snapshot(d("2026-12-01"), d("2027-01-31"));
        // then a 2027 schedule is dropped in (made up for this test, not a real notice) and the operator's
        // Christmas Eve is removed
        Files.writeString(dir.resolve("2027.properties"), """
                year=2027
                notice.title=TEST ONLY, not a real notice
                notice.number=TEST-2027
                notice.date=2026-12-01
                holiday.1.zh=元旦
                holiday.1.en=New Year's Day
                holiday.1.off=2027-01-01..2027-01-03, 2027-01-04
                holiday.1.work=2027-01-09
                holiday.2.zh=春节
                holiday.2.en=Spring Festival
                holiday.2.off=2027-02-05..2027-02-12
                """, StandardCharsets.UTF_8);
        BusinessCalendar today = new BusinessCalendar(SH.zone(), SH.opens(), SH.closes(), WEEKDAYS, Set.of(), Set.of(),
                OfficialCalendar.china(dir));
        assertThat(today.isWorkingDay(d("2027-01-04"))).as("the new data").isFalse();
        assertThat(today.isWorkingDay(d("2027-01-09"))).isTrue();
        assertThat(today.isWorkingDay(d("2026-12-24"))).isTrue();

        BusinessCalendar frozen = today.frozenBy(s);
        assertThat(frozen.isWorkingDay(d("2027-01-04"))).as("inside the snapshot: as frozen").isTrue();
        assertThat(frozen.isWorkingDay(d("2027-01-09"))).isFalse();
        assertThat(frozen.isWorkingDay(d("2026-12-24"))).isFalse();
        assertThat(frozen.isWorkingDay(d("2027-01-01"))).isFalse();
        assertThat(frozen.isWorkingDay(d("2027-02-08"))).as("outside the snapshot: today's data").isFalse();
        assertThat(frozen.isWorkingDay(d("2027-02-12"))).as("a day only the new data gives off").isFalse();
        assertThat(BusinessCalendar.frozen(s, today)).isEqualTo(frozen);
        // a refund agreed on 30 December, due in 3 working days: 31 Dec, 4 Jan, 5 Jan, as the case was told
        assertThat(frozen.plusWorkingDays(d("2026-12-30"), 3)).isEqualTo(d("2027-01-05"));
        assertThat(today.plusWorkingDays(d("2026-12-30"), 3)).isEqualTo(d("2027-01-06"));

        CalendarSnapshot again = frozen.snapshot(d("2026-12-15"), d("2027-02-15"));
        assertThat(again.source()).contains("frozen 2026-12-01..2027-01-31").contains("TEST-2027");
        BusinessCalendar twice = CN.frozenBy(again);
        for (LocalDate day = again.from(); !day.isAfter(again.to()); day = day.plusDays(1)) {
            assertThat(twice.isWorkingDay(day)).as(day.toString()).isEqualTo(frozen.isWorkingDay(day));
        }
    }

    @Test
    void a_snapshot_is_plain_data_and_checks_itself() {
        CalendarSnapshot s = new CalendarSnapshot("Asia/Shanghai", LocalTime.of(9, 0), LocalTime.of(18, 0),
                List.of(DayOfWeek.MONDAY), d("2026-01-01"), d("2026-01-31"), List.of(d("2026-01-05")), List.of(), null);
        assertThat(s.source()).isEmpty();
        assertThat(s.covers(d("2026-01-31"))).isTrue();
        assertThat(s.covers(d("2026-02-01"))).isFalse();
        assertThatThrownBy(() -> new CalendarSnapshot("Asia/Shanghai", LocalTime.of(9, 0), LocalTime.of(18, 0),
                List.of(), d("2026-01-01"), d("2026-01-31"), List.of(d("2026-02-05")), List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-02-05");
        assertThatThrownBy(() -> SH.snapshot(d("2026-01-02"), d("2026-01-01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SH.snapshot(d("2026-01-01"), d("2046-01-01")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
