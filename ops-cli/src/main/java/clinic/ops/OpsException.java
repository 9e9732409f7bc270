package clinic.ops;

/**
 * A failure the user is told about in a sentence (printed on stderr as it is, exit code 1): a service or Kafka said no,
 * could not be reached, or the data does not allow what was asked. Never a stack trace.
 */
final class OpsException extends RuntimeException {

    OpsException(String message) {
        super(message);
    }

    OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
