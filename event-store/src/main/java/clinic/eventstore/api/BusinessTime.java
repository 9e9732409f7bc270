package clinic.eventstore.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The dates and instants a request may carry: ISO-8601 text only (never epoch numbers), from 1900 to the end of 2199.
 * Java parses years such as +294277 that PostgreSQL can neither store nor compare; no business date is that far away,
 * so a value outside the range is refused naming its field instead of failing in the database.
 */
public final class BusinessTime {

    public static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(2199, 12, 31);
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    static final String INSTANT_RULE = "must be an ISO-8601 instant between 1900 and 2199, such as 2026-03-01T08:00:00Z";
    static final String DATE_RULE = "must be an ISO-8601 date between 1900-01-01 and 2199-12-31, such as 2026-03-01";

    private static final java.util.regex.Pattern ISO_INSTANT =
            java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private BusinessTime() {
    }

    /** An instant of a request, or null for null or blank text. */
    public static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant value = parseInstant(text);
        if (value == null) {
            throw new InvalidField(field, INSTANT_RULE);
        }
        return value;
    }

    /** A date of a request, or null for null or blank text. */
    public static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDate value = parseDate(text);
        if (value == null) {
            throw new InvalidField(field, DATE_RULE);
        }
        return value;
    }

    /** The instant, or null when the text is not an ISO-8601 instant inside the range. */
    static Instant parseInstant(String text) {
        if (text.length() > 40 || !ISO_INSTANT.matcher(text).matches()) {
            return null;
        }
        try {
            Instant value = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
            return value.isBefore(EARLIEST) || !value.isBefore(LATEST) ? null : value;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The date, or null when the text is not an ISO-8601 date (yyyy-MM-dd) inside the range. */
    static LocalDate parseDate(String text) {
        if (text.length() != 10) {
            return null;
        }
        try {
            LocalDate value = LocalDate.parse(text, STRICT_DATE);
            return value.isBefore(FIRST_DAY) || value.isAfter(LAST_DAY) ? null : value;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
