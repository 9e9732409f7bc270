package clinic.eventstore.inbox;

import jakarta.validation.Validator;

import java.util.stream.Collectors;

/**
 * A message that can never be processed, whatever the retries: it goes to the dead-letter topic with this reason. The
 * reason ends up in a Kafka header and in the log, so it is kept to {@value #MAX_REASON} characters with control
 * characters (a forged log line, a NUL) replaced, and it never carries a cause: a parser's message quotes the input,
 * which may be personal data or a megabyte long.
 */
public class MalformedMessage extends RuntimeException {

    static final int MAX_REASON = 500;

    public MalformedMessage(String reason) {
        super(clean(reason), null, false, false);
    }

    /** What went wrong reading JSON, by kind and place, without the text it quotes. */
    public static MalformedMessage unreadable(String where, com.fasterxml.jackson.core.JsonProcessingException e) {
        String at = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                ? " at " + m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        String kind = e instanceof clinic.eventstore.api.StrictJson.RefusedValue
                ? e.getOriginalMessage()
                : e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException && e.getCause() != null
                        // our records' own refusals ("refundId is required"): short, and about the message, not data
                        ? String.valueOf(e.getCause().getMessage())
                        : e.getClass().getSimpleName();
        return new MalformedMessage(where + "unreadable" + at + ": " + kind);
    }

    /**
     * Refuses a message whose JSON holds a NUL character ({@code \u0000}): no event or intake message carries one,
     * and PostgreSQL cannot store it in text (in JSON a NUL can only be written escaped).
     */
    public static String withoutNul(String json) {
        if (json != null && json.contains("\\u0000")) {
            throw new MalformedMessage("the message holds a NUL character (\\u0000), which no message carries");
        }
        return json;
    }

    static String clean(String reason) {
        String text = reason == null ? "unreadable" : reason.replaceAll("\\p{Cntrl}", "?");
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }

    /**
     * {@code value}, read from a message, checked against the same constraints as the HTTP request it mirrors (sizes,
     * patterns, ranges), so that a branch system's topic takes nothing the API would refuse.
     */
    public static <T> T unlessInvalid(Validator validator, T value, String where) {
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new MalformedMessage(where + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted().collect(Collectors.joining("; ")));
        }
        return value;
    }
}
