package clinic.refund.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses to start with a refund policy no calculation could use (a share above 100 %, a negative one), the chain's
 * or a branch's, naming which: otherwise every calculation of that branch would fail at the counter.
 */
@ApplicationScoped
public class RefundPolicyCheck {

    void onStart(@Observes StartupEvent start, RefundPolicyConfig policy) {
        check(policy);
    }

    static void check(RefundPolicyConfig policy) {
        try {
            policy.policy();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("refund.policy.*: " + e.getMessage(), e);
        }
        for (String branch : policy.branches().keySet()) {
            try {
                policy.policy(branch);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("refund.policy.branches.\"" + branch + "\".*: " + e.getMessage(), e);
            }
        }
    }
}
