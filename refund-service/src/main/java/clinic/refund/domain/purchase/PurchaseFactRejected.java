package clinic.refund.domain.purchase;

import clinic.eventstore.domain.RuleBroken;

/**
 * A purchase fact that contradicts the order or itself; names the field and why. A broken rule, answered by
 * event-store's {@code ProblemMappers} as a 422 of its own kind, {@code purchase-fact-rejected}.
 */
public class PurchaseFactRejected extends RuleBroken {

    public PurchaseFactRejected(String field, String reason) {
        super(field, reason);
    }

    @Override
    public String problemType() {
        return "purchase-fact-rejected";
    }
}
