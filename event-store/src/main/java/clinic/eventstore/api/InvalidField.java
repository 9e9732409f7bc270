package clinic.eventstore.api;

/** A request field whose value the service cannot take, with the reason. */
public class InvalidField extends RuntimeException {

    private final String field;

    public InvalidField(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Reads an optional request value that must name one of {@code type}'s constants, or refuses it naming the field. */
    public static <E extends Enum<E>> E enumValue(String field, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidField(field, "'" + shortened(value) + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Reads an optional request value that must be {@code true} or {@code false}, or refuses it naming the field. */
    public static Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidField(field, "must be true or false");
        };
    }

    private static String shortened(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }

    /** Reads a request value that must be a UUID, or refuses it naming the field. */
    public static java.util.UUID uuid(String field, String value) {
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidField(field, "must be a UUID");
        }
    }
}
