package clinic.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One public holiday of a year's official schedule: its name in Chinese and English, the days off it gives, and the
 * make-up working days (调休上班) that pay for them. A statutory-only holiday has no make-up days.
 */
public record Holiday(String nameZh, String nameEn, List<LocalDate> daysOff, List<LocalDate> makeUpDays) {

    public Holiday {
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        daysOff = List.copyOf(daysOff);
        makeUpDays = List.copyOf(makeUpDays);
    }

    /** {@code 春节 (Spring Festival)}. */
    public String name() {
        return nameZh + " (" + nameEn + ")";
    }
}
