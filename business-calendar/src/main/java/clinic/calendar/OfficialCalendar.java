package clinic.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A country's official public holidays, year by year: {@link #NONE}, or {@code CN}, the People's Republic of China's.
 * For CN a year's days are the State Council's published schedule (the notice 《国务院办公厅关于XXXX年部分节假日安排的通知》)
 * when the product carries it, as {@code clinic/calendar/cn/<year>.properties} in this jar or as {@code <year>.properties}
 * in an operator's directory (which wins); otherwise, from 2025 on, the statutory days only
 * ({@link ChineseStatutoryHolidays}), and nothing for earlier years.
 * <p>
 * Each year is read once and kept: the SLA clocks ask about days many times. A file added later is read after a
 * restart. Instances are shared: {@link #named} gives the same one for the same name and directory.
 */
public final class OfficialCalendar {

    public static final OfficialCalendar NONE = new OfficialCalendar("NONE", null);

    private static final Map<String, OfficialCalendar> NAMED = new ConcurrentHashMap<>();
    private static final String CN_RESOURCES = "clinic/calendar/cn/";

    private final String name;
    private final Path directory;
    private final Map<Integer, YearSchedule> schedules = new ConcurrentHashMap<>();
    private final Map<Integer, Days> days = new ConcurrentHashMap<>();

    private OfficialCalendar(String name, Path directory) {
        this.name = name;
        this.directory = directory;
    }

    /** China's official calendar with the schedules this jar carries. */
    public static OfficialCalendar china() {
        return named("CN", null);
    }

    /**
     * China's official calendar with the schedules this jar carries and those in {@code directory} (null: none), a
     * file there replacing the jar's for its year.
     */
    public static OfficialCalendar china(Path directory) {
        return named("CN", directory);
    }

    /**
     * The official calendar a configuration names: {@code CN} or {@code NONE} (any case); {@code directory} holds an
     * operator's schedule files for CN (null: none).
     */
    public static OfficialCalendar named(String name, Path directory) {
        String key = Objects.requireNonNull(name, "name").strip().toUpperCase(Locale.ROOT);
        return switch (key) {
            case "NONE" -> NONE;
            case "CN" -> {
                Path dir = directory == null ? null : directory.toAbsolutePath().normalize();
                yield NAMED.computeIfAbsent(key + "|" + dir, k -> new OfficialCalendar(key, dir));
            }
            default -> throw new IllegalArgumentException("unknown official holiday calendar '" + name
                    + "': CN (the State Council's schedule, the default) or NONE");
        };
    }

    public String name() {
        return name;
    }

    public boolean isNone() {
        return this == NONE;
    }

    /** The operator's directory of schedule files, if any. */
    public Path directory() {
        return directory;
    }

    /** The schedule of {@code year}: published, statutory only, or none. */
    public YearSchedule schedule(int year) {
        if (isNone()) {
            return YearSchedule.none(year, "official holiday calendar NONE");
        }
        YearSchedule known = schedules.get(year);
        return known != null ? known : schedules.computeIfAbsent(year, this::load);
    }

    /** Whether the State Council's schedule of {@code year} is in use (not only the statutory days). */
    public boolean isPublished(int year) {
        return schedule(year).published();
    }

    /**
     * The years a calendar counting on {@code today} uses without their published schedule: this year, and next year
     * once it begins in fewer than {@code daysAhead} days. Empty for NONE.
     */
    public List<Integer> yearsWithoutSchedule(LocalDate today, int daysAhead) {
        List<Integer> years = new ArrayList<>();
        if (isNone()) {
            return years;
        }
        if (!isPublished(today.getYear())) {
            years.add(today.getYear());
        }
        int next = today.getYear() + 1;
        if (ChronoUnit.DAYS.between(today, LocalDate.of(next, 1, 1)) < daysAhead && !isPublished(next)) {
            years.add(next);
        }
        return years;
    }

    /** The years from {@code from} to {@code to} whose published schedule is in use. */
    public List<Integer> publishedYears(int from, int to) {
        List<Integer> years = new ArrayList<>();
        for (int y = from; y <= to && !isNone(); y++) {
            if (isPublished(y)) {
                years.add(y);
            }
        }
        return years;
    }

    /**
     * Reads every schedule file of the operator's directory now, so that a broken one stops the start-up rather than
     * an SLA clock later. Returns the years found there.
     */
    public List<Integer> checkDirectory() {
        List<Integer> years = new ArrayList<>();
        if (directory == null) {
            return years;
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("the official holiday schedule directory " + directory + " does not exist");
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.matches("[0-9]{4}\\.properties")) {
                    int year = Integer.parseInt(fileName.substring(0, 4));
                    schedule(year);
                    years.add(year);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the official holiday schedule directory " + directory, e);
        }
        return years;
    }

    /** The days off and make-up days falling in {@code year}, by all the schedules that name one. */
    Days days(int year) {
        if (isNone()) {
            return new Days(year, Set.of(), Set.of());
        }
        Days known = days.get(year);
        return known != null ? known : days.computeIfAbsent(year, this::daysOf);
    }

    private Days daysOf(int year) {
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        // the year's own schedule first; a neighbouring year's notice may name a day of this year too (a New Year
        // holiday that begins on 30 December); a statutory schedule never does
        for (int y : new int[] {year, year - 1, year + 1}) {
            YearSchedule s = schedule(y);
            for (LocalDate d : s.daysOff()) {
                if (d.getYear() == year && !work.contains(d)) {
                    off.add(d);
                }
            }
            for (LocalDate d : s.makeUpDays()) {
                if (d.getYear() == year && !off.contains(d)) {
                    work.add(d);
                }
            }
        }
        return new Days(year, Set.copyOf(off), Set.copyOf(work));
    }

    private YearSchedule load(int year) {
        if (directory != null) {
            Path file = directory.resolve(year + ".properties");
            if (Files.isRegularFile(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    return ScheduleFile.read(r, file.toString(), year);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read the official holiday schedule " + file, e);
                }
            }
        }
        String resource = CN_RESOURCES + year + ".properties";
        ClassLoader loader = OfficialCalendar.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                return ScheduleFile.read(new InputStreamReader(in, StandardCharsets.UTF_8), resource, year);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the official holiday schedule " + resource, e);
        }
        if (year >= ChineseStatutoryHolidays.FIRST_YEAR) {
            return ChineseStatutoryHolidays.schedule(year);
        }
        return YearSchedule.none(year, "no official holidays before " + ChineseStatutoryHolidays.FIRST_YEAR
                + " (no schedule for " + year + ")");
    }

    @Override
    public String toString() {
        return directory == null ? name : name + " (+ " + directory + ")";
    }

    /** The official days off and make-up working days of one year. */
    record Days(int year, Set<LocalDate> off, Set<LocalDate> makeUp) {
    }
}
