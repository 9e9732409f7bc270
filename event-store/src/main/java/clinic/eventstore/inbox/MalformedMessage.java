package clinic.eventstore.inbox;

import jakarta.validation.Validator;

import java.util.stream.Collectors;

/** A message that can never be processed, whatever the retries: it goes to the dead-letter topic with this reason. */
public class MalformedMessage extends RuntimeException {

    public MalformedMessage(String reason) {
        super(reason);
    }

    public MalformedMessage(String reason, Throwable cause) {
        super(reason, cause);
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
