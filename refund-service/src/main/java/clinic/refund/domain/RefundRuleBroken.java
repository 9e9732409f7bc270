package clinic.refund.domain;

/** A step the case allows, refused for what it asks; names the field at fault. */
public final class RefundRuleBroken extends RuntimeException {

    private final String field;

    public RefundRuleBroken(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
