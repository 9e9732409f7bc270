package clinic.calendar;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;

import java.time.LocalDate;
import java.util.List;

/**
 * The days off the law itself fixes in a year, without a State Council notice: Article 2 of 《全国年节及纪念日放假办法》
 * as revised on 2024-11-10, in force from 2025-01-01. 元旦 1 January; 春节 4 days, 农历除夕 and 正月初一 to 初三;
 * 清明节 the day of the Qingming solar term; 劳动节 1 and 2 May; 端午节 农历五月初五; 中秋节 农历八月十五; 国庆节
 * 1 to 3 October. The lunar dates and the solar term come from cn.6tail:lunar.
 * <p>
 * This is what a year looks like before its notice is out, and no more: the notice also moves days (bridge days,
 * the substitute for a statutory day on a weekend) and sets make-up working days (调休), which no rule predicts.
 */
public final class ChineseStatutoryHolidays {

    /** The first year the November 2024 revision applies to; the product carries no rule for earlier years. */
    public static final int FIRST_YEAR = 2025;

    static final String LAW = "《全国年节及纪念日放假办法》 (revised 2024-11-10, in force from 2025-01-01), Article 2";

    private ChineseStatutoryHolidays() {
    }

    /**
     * The statutory holidays of {@code year} (from 2025 on), in the order the law lists them. Synchronized: the
     * library keeps caches of its own, and a year is computed once per official calendar anyway.
     */
    public static synchronized List<Holiday> of(int year) {
        if (year < FIRST_YEAR) {
            throw new IllegalArgumentException("the statutory days are computed from " + FIRST_YEAR + " on, not for " + year);
        }
        LocalDate lunarNewYear = date(Lunar.fromYmd(year, 1, 1).getSolar());
        return List.of(
                holiday("元旦", "New Year's Day", LocalDate.of(year, 1, 1)),
                holiday("春节", "Spring Festival", lunarNewYear.minusDays(1), lunarNewYear, lunarNewYear.plusDays(1),
                        lunarNewYear.plusDays(2)),
                holiday("清明节", "Qingming Festival", qingming(year)),
                holiday("劳动节", "Labour Day", LocalDate.of(year, 5, 1), LocalDate.of(year, 5, 2)),
                holiday("端午节", "Dragon Boat Festival", date(Lunar.fromYmd(year, 5, 5).getSolar())),
                holiday("中秋节", "Mid-Autumn Festival", date(Lunar.fromYmd(year, 8, 15).getSolar())),
                holiday("国庆节", "National Day", LocalDate.of(year, 10, 1), LocalDate.of(year, 10, 2),
                        LocalDate.of(year, 10, 3)));
    }

    /** The statutory days of {@code year} as a schedule, saying that the notice is missing. */
    static YearSchedule schedule(int year) {
        return new YearSchedule(year, YearSchedule.Kind.STATUTORY, "statutory days only of " + LAW
                + ": no published State Council notice for " + year + ", so no bridge days and no make-up working days",
                of(year));
    }

    /** The day of the Qingming solar term (4 or 5 April in this era), in Beijing time. */
    static LocalDate qingming(int year) {
        for (int day = 1; day <= 10; day++) {
            if ("清明".equals(Solar.fromYmd(year, 4, day).getLunar().getJieQi())) {
                return LocalDate.of(year, 4, day);
            }
        }
        throw new IllegalStateException("no Qingming solar term found in April " + year);
    }

    private static Holiday holiday(String zh, String en, LocalDate... days) {
        return new Holiday(zh, en, List.of(days), List.of());
    }

    private static LocalDate date(Solar solar) {
        return LocalDate.of(solar.getYear(), solar.getMonth(), solar.getDay());
    }
}
