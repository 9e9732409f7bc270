package clinic.refund.domain.purchase;

/** A purchase fact that contradicts the order or itself; names the field and why. */
public class PurchaseFactRejected extends RuntimeException {

    private final String field;

    public PurchaseFactRejected(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
