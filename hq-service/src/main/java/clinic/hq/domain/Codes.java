package clinic.hq.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks on what the other services' events tell HQ: a code (a channel, category, body, outcome) is an upper-case
 * name, a branch a branch code, a case number short printable text. A fact that fails one is refused as a whole (its
 * message goes to the dead-letter topic with the reason) rather than stored and shown on a dashboard.
 */
public final class Codes {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Pattern BRANCH = Pattern.compile(clinic.eventstore.api.Formats.BRANCH_CODE);
    private static final Pattern CASE_NUMBER = Pattern.compile("[\\p{L}\\p{N}._/-]{1,40}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9.-]{0,99}");

    private Codes() {
    }

    public static String code(String field, String value) {
        return matching(field, value, CODE, "an upper-case code of at most 40 characters");
    }

    /** A code that may be absent. */
    public static String optionalCode(String field, String value) {
        return value == null ? null : code(field, value);
    }

    public static String branch(String value) {
        return matching("branchId", value, BRANCH, "a branch code");
    }

    public static String caseNumber(String value) {
        return matching("caseNumber", value, CASE_NUMBER, "a case number of at most 40 letters, digits and ./-_");
    }

    public static String eventType(String value) {
        return matching("type", value, EVENT_TYPE, "an event type name");
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static String matching(String field, String value, Pattern pattern, String what) {
        Objects.requireNonNull(value, field + " is required");
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + what);
        }
        return value;
    }
}
