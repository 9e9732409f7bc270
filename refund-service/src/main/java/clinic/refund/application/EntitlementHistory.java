package clinic.refund.application;

import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StoredEvent;
import clinic.refund.config.RefundPolicyConfig;
import clinic.refund.domain.RefundCase;
import clinic.refund.domain.RefundDecider;
import clinic.refund.domain.RefundEvent;
import clinic.eventstore.domain.RuleBroken;
import clinic.refund.domain.entitlement.EntitlementCalculator;
import clinic.refund.domain.entitlement.RefundPolicy;
import clinic.refund.domain.entitlement.Rerun;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every entitlement calculated for a refund case, from its stream (the case itself keeps only the latest), and a
 * calculation re-run: with what it kept (which must reproduce it) and under the branch's policy in force now. Reads
 * only; stores nothing.
 */
@ApplicationScoped
public class EntitlementHistory {

    /**
     * The {@code n}th calculation of a case (from 1, in the order they were made) and the stream version of its event.
     */
    public record Calculation(int n, long version, RefundEvent.RefundEntitlementCalculated event) {
    }

    /** A case's calculations, oldest first; {@code branchId} is the case's, whose policy is in force for it. */
    public record History(UUID refundId, String branchId, long version, List<Calculation> calculations) {
    }

    /** A calculation re-run, with the branch whose current policy it was compared with. */
    public record Explanation(Calculation calculation, String branchId, Rerun rerun) {
    }

    private final EventStore store;
    private final EventTypeRegistry<RefundEvent> types;
    private final RefundPolicyConfig policy;

    public EntitlementHistory(EventStore store, EventTypeRegistry<RefundEvent> types, RefundPolicyConfig policy) {
        this.store = store;
        this.types = types;
        this.policy = policy;
    }

    public History of(UUID refundId) {
        List<StoredEvent> stored = store.load(refundId.toString());
        RefundCase state = RefundCase.NONE;
        List<Calculation> calculations = new ArrayList<>();
        long version = 0;
        for (StoredEvent e : stored) {
            RefundEvent event = types.fromStored(e);
            state = RefundDecider.evolve(state, event);
            version = e.version();
            if (event instanceof RefundEvent.RefundEntitlementCalculated c) {
                calculations.add(new Calculation(calculations.size() + 1, e.version(), c));
            }
        }
        if (state.id() == null) {
            throw new RefundService.RefundNotFound(refundId);
        }
        return new History(refundId, state.branchId(), version, List.copyOf(calculations));
    }

    /**
     * Calculation {@code n} re-run with its stored inputs and parameters, and under the current policy of the case's
     * branch. A calculation recorded before inputs and parameter sets were kept has no re-run ({@code rerun} null).
     */
    public Explanation explain(History history, int n) {
        Calculation c = calculation(history, n);
        if (!c.event().entitlement().rerunnable()) {
            return new Explanation(c, history.branchId(), null);
        }
        RefundPolicy current = policy.policy(history.branchId());
        try {
            return new Explanation(c, history.branchId(), Rerun.of(c.event().entitlement(), current));
        } catch (EntitlementCalculator.InvalidEntitlementRequest e) {
            // the stored inputs break a rule the calculation has gained since
            throw new RuleBroken(e.field(), "calculation " + n + " cannot be re-run under today's rules: "
                    + e.getMessage());
        }
    }

    private static Calculation calculation(History history, int n) {
        if (n < 1 || n > history.calculations().size()) {
            throw new CalculationNotFound(history.refundId(), n, history.calculations().size());
        }
        return history.calculations().get(n - 1);
    }

    /** A calculation number the case does not have. */
    public static class CalculationNotFound extends clinic.eventstore.api.NotFound {
        public CalculationNotFound(UUID refundId, int n, int count) {
            super("entitlement-calculation-not-found", "refund case " + refundId + " has no calculation " + n + " ("
                    + (count == 0 ? "none was made" : "calculations 1 to " + count + " were made") + ")");
        }
    }
}
