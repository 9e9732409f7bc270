package clinic.eventstore.api;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The where clause and parameters of a list query from optional query parameters: a parameter that is absent adds
 * nothing. Field names are the entity's (HQL), never the user's input.
 */
public final class ListFilter {

    private final StringBuilder where = new StringBuilder("1 = 1");
    private final Map<String, Object> params = new HashMap<>();
    private int next;

    /** {@code field = value}, unless the value is null or blank. */
    public ListFilter equal(String field, Object value) {
        return add(field, "=", value);
    }

    /** {@code field >= value}, unless the value is null. */
    public ListFilter atLeast(String field, Object value) {
        return add(field, ">=", value);
    }

    /** {@code field <= value}, unless the value is null. */
    public ListFilter atMost(String field, Object value) {
        return add(field, "<=", value);
    }

    /** {@code field < value}, unless the value is null. */
    public ListFilter below(String field, Object value) {
        return add(field, "<", value);
    }

    /**
     * {@code field in values}: null adds nothing (no restriction), an empty collection matches nothing. What a caller may
     * see by branch ({@code CurrentUser.listScope}).
     */
    public ListFilter oneOf(String field, java.util.Collection<?> values) {
        if (values == null) {
            return this;
        }
        if (values.isEmpty()) {
            where.append(" and 1 = 0");
            return this;
        }
        return add(field, "in", java.util.List.copyOf(values));
    }

    public String where() {
        return where.toString();
    }

    /** The named parameters, as Panache's {@code find(query, sort, Map)} takes them. */
    public Map<String, Object> params() {
        return Map.copyOf(params);
    }

    /** A query parameter that must be an ISO-8601 instant inside {@link BusinessTime}'s range, or null when absent. */
    public static Instant instant(String field, String value) {
        return BusinessTime.instant(field, value);
    }

    private ListFilter add(String field, String operator, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return this;
        }
        String name = "p" + next++;
        where.append(" and ").append(field).append(' ').append(operator).append(" :").append(name);
        params.put(name, value);
        return this;
    }
}
