package clinic.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Chinese holiday calendar the product ships. Dates of the published years are those of the State
 * Council's notices:
 * <ul>
 * <li>2025: 《国务院办公厅关于2025年部分节假日安排的通知》 国办发明电〔2024〕12号, 2024-11-12</li>
 * <li>2026: 《国务院办公厅关于2026年部分节假日安排的通知》 国办发明电〔2025〕7号, 2025-11-04</li>
 * </ul>
 * 2027 has no notice yet: its statutory days (《全国年节及纪念日放假办法》, revised 2024-11-10) are checked against an
 * independent published table, the Hong Kong SAR government's general holidays for 2027 as gazetted (Lunar New Year
 * 6-9 February with the fourth day substituting for a Sunday, Ching Ming 5 April, Tuen Ng 9 June, the day following
 * Mid-Autumn 16 September; reported at https://a2znews.uk/article/c2/28468, listed at
 * https://www.calendardate.com/hk_year2027_holidays.php).
 */
class OfficialCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final BusinessCalendar CN = new BusinessCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0),
            WEEKDAYS, Set.of(), Set.of(), OfficialCalendar.china());

    static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    static List<LocalDate> range(String from, String to) {
        return Stream.iterate(d(from), x -> !x.isAfter(d(to)), x -> x.plusDays(1)).toList();
    }

    static java.time.Instant shanghai(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void spring_festival_2026_per_国办发明电2025_7号_is_off_and_its_two_make_up_saturdays_are_worked() {
        assertThat(range("2026-02-15", "2026-02-23")).allSatisfy(day -> assertThat(CN.isWorkingDay(day)).as(day + "")
                .isFalse());
        assertThat(CN.isWorkingDay(d("2026-02-14"))).as("Saturday, 上班").isTrue();
        assertThat(CN.isWorkingDay(d("2026-02-28"))).as("Saturday, 上班").isTrue();
        assertThat(CN.isWorkingDay(d("2026-02-24"))).as("Tuesday after the holiday").isTrue();
        assertThat(CN.isWorkingDay(d("2026-02-21"))).as("an ordinary Saturday").isFalse();
        // Friday 13 Feb 17:00 + 2 working hours: 1 h that day, Saturday 14th (make-up) from opening
        assertThat(CN.plusWorkingTime(shanghai("2026-02-13T17:00"), Duration.ofHours(2)))
                .isEqualTo(shanghai("2026-02-14T10:00"));
        // Saturday 14th 17:00 + 2 working hours: the holiday, then Tuesday 24th 10:00
        assertThat(CN.plusWorkingTime(shanghai("2026-02-14T17:00"), Duration.ofHours(2)))
                .isEqualTo(shanghai("2026-02-24T10:00"));
    }

    @Test
    void national_day_2026_per_国办发明电2025_7号_with_its_make_up_sunday_and_saturday() {
        assertThat(range("2026-10-01", "2026-10-07")).allSatisfy(day -> assertThat(CN.isWorkingDay(day)).as(day + "")
                .isFalse());
        assertThat(CN.isWorkingDay(d("2026-09-20"))).as("Sunday, 上班").isTrue();
        assertThat(CN.isWorkingDay(d("2026-10-10"))).as("Saturday, 上班").isTrue();
        assertThat(CN.isWorkingDay(d("2026-10-08"))).isTrue();
        assertThat(range("2026-09-25", "2026-09-27")).as("中秋节").allSatisfy(day -> assertThat(CN.isWorkingDay(day))
                .isFalse());
        // agreed on Wednesday 30 September, due 3 working days later: Thu 8, Fri 9, Sat 10 October (make-up)
        assertThat(CN.plusWorkingDays(d("2026-09-30"), 3)).isEqualTo(d("2026-10-10"));
    }

    @Test
    void the_rest_of_2026_per_国办发明电2025_7号() {
        assertThat(range("2026-01-01", "2026-01-03")).allSatisfy(day -> assertThat(CN.isWorkingDay(day)).isFalse());
        assertThat(CN.isWorkingDay(d("2026-01-04"))).as("Sunday, 上班").isTrue();
        assertThat(range("2026-04-04", "2026-04-06")).allSatisfy(day -> assertThat(CN.isWorkingDay(day)).isFalse());
        assertThat(range("2026-05-01", "2026-05-05")).allSatisfy(day -> assertThat(CN.isWorkingDay(day)).isFalse());
        assertThat(CN.isWorkingDay(d("2026-05-09"))).as("Saturday, 上班").isTrue();
        assertThat(range("2026-06-19", "2026-06-21")).allSatisfy(day -> assertThat(CN.isWorkingDay(day)).isFalse());
        YearSchedule y2026 = OfficialCalendar.china().schedule(2026);
        assertThat(y2026.published()).isTrue();
        assertThat(y2026.source()).contains("国务院办公厅关于2026年部分节假日安排的通知", "国办发明电〔2025〕7号", "2025-11-04");
        assertThat(y2026.holidays()).extracting(Holiday::nameZh)
                .containsExactly("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节");
        assertThat(y2026.holidays()).extracting(Holiday::nameEn).contains("Spring Festival", "National Day");
        assertThat(y2026.daysOff()).hasSize(3 + 9 + 3 + 5 + 3 + 3 + 7);
        assertThat(y2026.makeUpDays()).containsExactlyInAnyOrder(d("2026-01-04"), d("2026-02-14"), d("2026-02-28"),
                d("2026-05-09"), d("2026-09-20"), d("2026-10-10"));
    }

    @Test
    void twenty_twenty_five_per_国办发明电2024_12号() {
        assertThat(CN.isWorkingDay(d("2025-01-01"))).isFalse();
        assertThat(CN.isWorkingDay(d("2025-01-02"))).as("元旦 1 day, 不调休").isTrue();
        assertThat(CN.isWorkingDay(d("2025-01-26"))).as("Sunday, 上班").isTrue();
        assertThat(range("2025-01-28", "2025-02-04")).allSatisfy(day -> assertThat(CN.isWorkingDay(day)).isFalse());
        assertThat(CN.isWorkingDay(d("2025-02-08"))).as("Saturday, 上班").isTrue();
        assertThat(CN.isWorkingDay(d("2025-04-27"))).as("Sunday, 上班").isTrue();
        assertThat(range("2025-10-01", "2025-10-08")).as("国庆节、中秋节").allSatisfy(day ->
                assertThat(CN.isWorkingDay(day)).isFalse());
        assertThat(CN.isWorkingDay(d("2025-09-28"))).isTrue();
        assertThat(CN.isWorkingDay(d("2025-10-11"))).isTrue();
        assertThat(OfficialCalendar.china().schedule(2025).source()).contains("国办发明电〔2024〕12号", "2024-11-12");
        assertThat(OfficialCalendar.china().schedule(2025).daysOff()).hasSize(1 + 8 + 3 + 5 + 3 + 8);
    }

    @Test
    void every_statutory_day_the_library_computes_for_2025_and_2026_is_off_in_the_published_notice() {
        for (int year : new int[] {2025, 2026}) {
            YearSchedule published = OfficialCalendar.china().schedule(year);
            List<LocalDate> statutory = ChineseStatutoryHolidays.of(year).stream()
                    .flatMap(h -> h.daysOff().stream()).toList();
            assertThat(statutory).as("the law's 13 days of " + year).hasSize(13);
            assertThat(published.daysOff()).as(published.source()).containsAll(statutory);
        }
        // and the lunar ones exactly where the notices put them
        assertThat(ChineseStatutoryHolidays.of(2025).get(1).daysOff()).as("春节 2025: 除夕 28 January")
                .containsExactly(d("2025-01-28"), d("2025-01-29"), d("2025-01-30"), d("2025-01-31"));
        assertThat(ChineseStatutoryHolidays.of(2026).get(1).daysOff()).as("春节 2026: 除夕 16 February")
                .containsExactly(d("2026-02-16"), d("2026-02-17"), d("2026-02-18"), d("2026-02-19"));
        assertThat(ChineseStatutoryHolidays.of(2026).get(5).daysOff()).as("中秋 2026").containsExactly(d("2026-09-25"));
        assertThat(ChineseStatutoryHolidays.of(2025).get(5).daysOff()).as("中秋 2025").containsExactly(d("2025-10-06"));
    }

    @Test
    void new_years_day_2027_is_off_by_the_statutory_fallback_while_no_2027_notice_is_published() {
        YearSchedule y2027 = OfficialCalendar.china().schedule(2027);
        assertThat(y2027.kind()).isEqualTo(YearSchedule.Kind.STATUTORY);
        assertThat(y2027.published()).isFalse();
        assertThat(y2027.source()).contains("statutory", "全国年节及纪念日放假办法", "no make-up working days");
        assertThat(CN.isWorkingDay(d("2027-01-01"))).as("Friday, 元旦").isFalse();
        assertThat(CN.isWorkingDay(d("2027-01-04"))).isTrue();
        // Thursday 31 December 2026 17:00 + 2 working hours: 1 h, New Year's Day, the weekend, Monday 4th 10:00
        assertThat(CN.plusWorkingTime(shanghai("2026-12-31T17:00"), Duration.ofHours(2)))
                .isEqualTo(shanghai("2027-01-04T10:00"));
    }

    @Test
    void the_statutory_days_of_2027_match_an_independent_published_table() {
        // Hong Kong's general holidays for 2027 (see the class comment): the same lunar dates and solar term
        List<Holiday> y2027 = ChineseStatutoryHolidays.of(2027);
        assertThat(y2027).extracting(Holiday::nameZh)
                .containsExactly("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节");
        assertThat(y2027.get(1).daysOff()).as("除夕, 正月初一 (HK: Lunar New Year's Day 6 February) to 初三")
                .containsExactly(d("2027-02-05"), d("2027-02-06"), d("2027-02-07"), d("2027-02-08"));
        assertThat(y2027.get(2).daysOff()).as("清明 (HK: Ching Ming 5 April)").containsExactly(d("2027-04-05"));
        assertThat(y2027.get(3).daysOff()).containsExactly(d("2027-05-01"), d("2027-05-02"));
        assertThat(y2027.get(4).daysOff()).as("端午 (HK: Tuen Ng 9 June)").containsExactly(d("2027-06-09"));
        assertThat(y2027.get(5).daysOff()).as("中秋 (HK: the day following it is 16 September)")
                .containsExactly(d("2027-09-15"));
        assertThat(y2027.get(6).daysOff()).containsExactly(d("2027-10-01"), d("2027-10-02"), d("2027-10-03"));
        assertThat(y2027).allSatisfy(h -> assertThat(h.makeUpDays()).as("no make-up day is guessed").isEmpty());

        assertThat(CN.isWorkingDay(d("2027-02-05"))).as("Friday, 除夕").isFalse();
        assertThat(CN.isWorkingDay(d("2027-02-08"))).as("Monday, 初三").isFalse();
        assertThat(CN.isWorkingDay(d("2027-02-09"))).as("no notice: no bridge day guessed").isTrue();
        assertThat(CN.isWorkingDay(d("2027-04-05"))).isFalse();
        assertThat(CN.isWorkingDay(d("2027-06-09"))).isFalse();
        assertThat(CN.isWorkingDay(d("2027-09-15"))).isFalse();
        assertThat(CN.isWorkingDay(d("2027-02-20"))).as("an ordinary Saturday, no make-up day guessed").isFalse();
    }

    @Test
    void a_year_needs_its_schedule_from_the_day_it_begins_and_warns_sixty_days_ahead() {
        OfficialCalendar cn = OfficialCalendar.china();
        assertThat(cn.yearsWithoutSchedule(d("2026-11-30"), 60)).containsExactly(2027);
        assertThat(cn.yearsWithoutSchedule(d("2026-10-15"), 60)).as("78 days before 2027").isEmpty();
        assertThat(cn.yearsWithoutSchedule(d("2026-11-02"), 60)).as("60 days before: not fewer").isEmpty();
        assertThat(cn.yearsWithoutSchedule(d("2026-11-03"), 60)).containsExactly(2027);
        assertThat(cn.yearsWithoutSchedule(d("2027-03-01"), 60)).containsExactly(2027);
        assertThat(cn.yearsWithoutSchedule(d("2025-06-01"), 60)).isEmpty();
        assertThat(OfficialCalendar.NONE.yearsWithoutSchedule(d("2026-11-30"), 60)).isEmpty();
        assertThat(cn.publishedYears(2024, 2027)).containsExactly(2025, 2026);
        assertThat(cn.schedule(2024).kind()).as("no rule before the 2024 revision").isEqualTo(YearSchedule.Kind.NONE);
    }

    @Test
    void official_none_turns_the_official_calendar_off_chain_wide_or_for_one_branch() {
        CalendarSettings chain = settings(null, null, null, null);
        assertThat(CalendarSettings.resolve(null, chain).official()).as("CN by default").isSameAs(OfficialCalendar.china());
        assertThat(CalendarSettings.resolve(null, chain).isWorkingDay(d("2026-10-01"))).isFalse();

        CalendarSettings none = settings("NONE", null, null, null);
        assertThat(CalendarSettings.resolve(null, none).isWorkingDay(d("2026-10-01"))).isTrue();
        assertThat(CalendarSettings.resolve(null, none).isWorkingDay(d("2026-10-10"))).as("no make-up Saturday")
                .isFalse();

        CalendarSettings hongKong = settings("none", null, null, null);
        assertThat(CalendarSettings.resolve(hongKong, chain).isWorkingDay(d("2026-10-01"))).isTrue();
        assertThat(CalendarSettings.resolve(settings("CN", null, null, null), none).isWorkingDay(d("2026-10-01")))
                .as("a branch back on CN in a chain without it").isFalse();
        assertThatThrownBy(() -> CalendarSettings.resolve(settings("JP", null, null, null), chain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JP").hasMessageContaining("NONE");
    }

    @Test
    void the_holidays_and_make_up_days_an_operator_types_are_added_to_the_official_ones() {
        CalendarSettings chain = settings(null, Set.of(d("2026-12-25")), Set.of(d("2026-10-07")), null);
        BusinessCalendar sh = CalendarSettings.resolve(null, chain);
        assertThat(sh.isWorkingDay(d("2026-12-25"))).as("the operator's holiday").isFalse();
        assertThat(sh.isWorkingDay(d("2026-10-01"))).as("the official holiday still").isFalse();
        assertThat(sh.isWorkingDay(d("2026-10-07"))).as("the operator's make-up day wins").isTrue();
        assertThat(sh.isWorkingDay(d("2026-10-10"))).as("the official make-up day still").isTrue();

        // a branch's lists replace the chain's lists, as before; the official calendar stays
        CalendarSettings branch = settings(null, Set.of(d("2026-11-11")), null, null);
        BusinessCalendar own = CalendarSettings.resolve(branch, chain);
        assertThat(own.isWorkingDay(d("2026-11-11"))).isFalse();
        assertThat(own.isWorkingDay(d("2026-12-25"))).as("the chain's list is replaced").isTrue();
        assertThat(own.isWorkingDay(d("2026-10-01"))).isFalse();
        assertThat(own.isWorkingDay(d("2026-10-07"))).as("the chain's make-up days still apply").isTrue();
    }

    @Test
    void an_operator_directory_adds_a_years_notice_and_may_reach_into_the_year_before(@TempDir Path dir)
            throws Exception {
        // a made-up schedule (not a real notice), to show where an operator's file goes and how it is read
        Files.writeString(dir.resolve("2028.properties"), """
                year=2028
                notice.title=TEST ONLY, not a real notice
                notice.number=TEST-2028
                notice.date=2027-11-01
                holiday.1.zh=元旦
                holiday.1.en=New Year's Day
                holiday.1.off=2027-12-31..2028-01-02
                holiday.1.work=2027-12-25
                """, StandardCharsets.UTF_8);
        OfficialCalendar withDir = OfficialCalendar.china(dir);
        assertThat(withDir).isSameAs(OfficialCalendar.named("cn", dir)).isNotSameAs(OfficialCalendar.china());
        assertThat(withDir.checkDirectory()).containsExactly(2028);
        assertThat(withDir.isPublished(2028)).isTrue();
        assertThat(withDir.schedule(2028).source()).contains("TEST-2028");
        BusinessCalendar cal = CN.withOfficial(withDir);
        assertThat(cal.isWorkingDay(d("2027-12-31"))).as("Friday, off by the 2028 file").isFalse();
        assertThat(cal.isWorkingDay(d("2027-12-25"))).as("Saturday, worked by the 2028 file").isTrue();
        assertThat(cal.isWorkingDay(d("2026-10-01"))).as("the jar's 2026 still").isFalse();
        assertThat(CN.isWorkingDay(d("2027-12-31"))).as("not without the directory").isTrue();
    }

    @Test
    void a_broken_schedule_file_fails_naming_the_file_and_the_problem(@TempDir Path dir) throws Exception {
        String head = "year=2029\nnotice.title=TEST\nnotice.number=TEST-2029\nnotice.date=2028-11-01\n";
        Files.writeString(dir.resolve("2029.properties"), head + """
                holiday.1.zh=元旦
                holiday.1.en=New Year's Day
                holiday.1.off=2029-01-01
                holiday.1.work=2029-01-01
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OfficialCalendar.china(dir).schedule(2029)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2029.properties").hasMessageContaining("2029-01-01");

        Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(other.resolve("2030.properties"), head.replace("2029", "2030") + """
                holiday.1.zh=元旦
                holiday.1.en=New Year's Day
                holiday.1.off=2030-01-01
                holiday.3.zh=清明节
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OfficialCalendar.china(other).checkDirectory()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2030.properties").hasMessageContaining("holiday.3.zh");

        Path third = Files.createDirectory(dir.resolve("third"));
        Files.writeString(third.resolve("2031.properties"), head.replace("2029", "2031") + """
                holiday.1.zh=元旦
                holiday.1.en=New Year's Day
                holiday.1.off=2031-01-01..2031-01-32
                """, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OfficialCalendar.china(third).schedule(2031)).hasMessageContaining("2031-01-32");
    }

    static CalendarSettings settings(String official, Set<LocalDate> holidays, Set<LocalDate> makeUpDays,
                                     ZoneId zone) {
        return new CalendarSettings() {
            public Optional<ZoneId> zone() {
                return Optional.ofNullable(zone);
            }

            public Optional<LocalTime> opens() {
                return Optional.empty();
            }

            public Optional<LocalTime> closes() {
                return Optional.empty();
            }

            public Optional<List<DayOfWeek>> workingDays() {
                return Optional.empty();
            }

            public Optional<List<LocalDate>> holidays() {
                return Optional.ofNullable(holidays).map(List::copyOf);
            }

            public Optional<List<LocalDate>> makeUpDays() {
                return Optional.ofNullable(makeUpDays).map(List::copyOf);
            }

            public Optional<String> official() {
                return Optional.ofNullable(official);
            }
        };
    }
}
