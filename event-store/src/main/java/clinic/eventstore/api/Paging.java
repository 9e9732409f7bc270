package clinic.eventstore.api;

import jakarta.ws.rs.QueryParam;

/**
 * The {@code page} and {@code size} of a list ({@code @BeanParam}): page from 0, size 1 to {@value #MAX_SIZE}, and no
 * deeper than {@value #MAX_OFFSET} rows (a page number that far in is a filter that should be narrower, and the
 * offset must not overflow).
 */
public class Paging {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    public static final long MAX_OFFSET = 100_000;

    @QueryParam("page")
    public String page;

    @QueryParam("size")
    public String size;

    /** The page number asked for (from 0), checked. */
    public int index() {
        int number = number("page", page, 0, 0, Integer.MAX_VALUE);
        if ((long) number * size() > MAX_OFFSET) {
            throw new InvalidField("page", "page × size may not pass " + MAX_OFFSET
                    + " rows; narrow the filters instead");
        }
        return number;
    }

    /** The rows per page asked for, checked. */
    public int size() {
        return number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
    }

    private static int number(String field, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        if (!text.matches("[0-9]{1,10}")) {
            throw new InvalidField(field, "must be a whole number from " + min + " to " + max);
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw new InvalidField(field, "must be a whole number from " + min + " to " + max);
        }
        return (int) value;
    }
}
