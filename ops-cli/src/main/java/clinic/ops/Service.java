package clinic.ops;

/**
 * The four services by the short names the commands take ({@code rebuild refund ...}); lower-case constants so that
 * picocli takes and lists them exactly as they are typed.
 */
enum Service {
    complaint, refund, followup, hq;

    /** The service's own name, as in messages and the relay's answers: {@code refund-service}. */
    String serviceName() {
        return name() + "-service";
    }

    /** The services with an outbox relay (HQ publishes nothing). */
    enum WithRelay {
        complaint, refund, followup;

        Service service() {
            return Service.valueOf(name());
        }
    }
}
