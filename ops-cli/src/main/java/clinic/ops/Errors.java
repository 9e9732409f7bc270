package clinic.ops;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Exceptions in a sentence. */
final class Errors {

    private Errors() {
    }

    /** The innermost useful message of {@code e}, with its kind when the message alone would not say it. */
    static String describe(Throwable e) {
        Throwable t = unwrap(e);
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof java.io.UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Whether {@code type} is somewhere in {@code e}'s chain of causes. */
    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
