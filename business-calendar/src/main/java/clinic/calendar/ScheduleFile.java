package clinic.calendar;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Reads one year's published schedule: a UTF-8 properties file such as {@code clinic/calendar/cn/2026.properties}.
 * <pre>
 * year=2026
 * notice.title=国务院办公厅关于2026年部分节假日安排的通知
 * notice.number=国办发明电〔2025〕7号
 * notice.date=2025-11-04
 * notice.url=https://www.gov.cn/...            (optional)
 * holiday.1.zh=元旦
 * holiday.1.en=New Year's Day
 * holiday.1.off=2026-01-01..2026-01-03          (days off: dates and from..to ranges, comma-separated)
 * holiday.1.work=2026-01-04                     (make-up working days; optional)
 * holiday.2.zh=...                              (numbered from 1 without gaps)
 * </pre>
 * Anything wrong (a missing key, a date that does not parse, a day both off and worked, a date more than a year away
 * from the file's year, a key the format does not know) fails with the file's name: a schedule is never half-read.
 */
final class ScheduleFile {

    private ScheduleFile() {
    }

    static YearSchedule read(Reader text, String origin, int expectedYear) {
        Properties p = new Properties();
        try {
            p.load(text);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(origin, "cannot be read: " + e.getMessage());
        }
        String yearText = required(p, "year", origin);
        int year;
        try {
            year = Integer.parseInt(yearText);
        } catch (NumberFormatException e) {
            throw invalid(origin, "year=" + yearText + " is not a year");
        }
        if (year != expectedYear) {
            throw invalid(origin, "says year=" + year + " but is the file of " + expectedYear);
        }
        String title = required(p, "notice.title", origin);
        String number = required(p, "notice.number", origin);
        LocalDate issued = date(required(p, "notice.date", origin), "notice.date", origin);
        String url = p.getProperty("notice.url", "").strip();

        Set<String> known = new HashSet<>(Set.of("year", "notice.title", "notice.number", "notice.date", "notice.url"));
        List<Holiday> holidays = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (int n = 1; p.containsKey("holiday." + n + ".zh") || p.containsKey("holiday." + n + ".off"); n++) {
            String key = "holiday." + n;
            known.addAll(Set.of(key + ".zh", key + ".en", key + ".off", key + ".work"));
            List<LocalDate> off = dates(required(p, key + ".off", origin), key + ".off", origin, year);
            List<LocalDate> work = dates(p.getProperty(key + ".work", ""), key + ".work", origin, year);
            for (LocalDate d : off) {
                if (!seen.add(d)) {
                    throw invalid(origin, key + " names " + d + " a second time");
                }
            }
            for (LocalDate d : work) {
                if (!seen.add(d)) {
                    throw invalid(origin, key + ".work names " + d + ", which is already a day off or a make-up day");
                }
            }
            holidays.add(new Holiday(required(p, key + ".zh", origin), required(p, key + ".en", origin), off, work));
        }
        if (holidays.isEmpty()) {
            throw invalid(origin, "has no holiday.1.zh / holiday.1.off");
        }
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw invalid(origin, "has a key the format does not know: " + key
                        + " (holidays are numbered holiday.1, holiday.2, ... without gaps)");
            }
        }
        String source = "《" + title + "》 " + number + ", " + issued + (url.isEmpty() ? "" : ", " + url);
        return new YearSchedule(year, YearSchedule.Kind.PUBLISHED, source, holidays);
    }

    private static String required(Properties p, String key, String origin) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw invalid(origin, "has no " + key);
        }
        return value.strip();
    }

    private static List<LocalDate> dates(String text, String key, String origin, int year) {
        List<LocalDate> dates = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int dots = item.indexOf("..");
            LocalDate from = date(dots < 0 ? item : item.substring(0, dots).strip(), key, origin);
            LocalDate to = dots < 0 ? from : date(item.substring(dots + 2).strip(), key, origin);
            if (to.isBefore(from)) {
                throw invalid(origin, key + ": " + item + " ends before it starts");
            }
            if (Math.abs(from.getYear() - year) > 1 || Math.abs(to.getYear() - year) > 1) {
                throw invalid(origin, key + ": " + item + " is not in " + year + " or a year next to it");
            }
            if (from.plusDays(31).isBefore(to)) {
                throw invalid(origin, key + ": " + item + " is longer than a month");
            }
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                dates.add(d);
            }
        }
        return dates;
    }

    private static LocalDate date(String text, String key, String origin) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(origin, key + ": '" + text + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static IllegalStateException invalid(String origin, String problem) {
        return new IllegalStateException("the official holiday schedule " + origin + " " + problem);
    }
}
