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

    /** Payment due dates a calendar can count: 0 (today) to 250 working days (about a year). */
    private static void dueDays(RefundPolicyConfig policy, String branch) {
        for (int days : new int[]{policy.paymentDueWorkingDays(branch), policy.goodsPaymentDueWorkingDays(branch)}) {
            if (days < 0 || days > 250) {
                throw new IllegalArgumentException("payment due working days are 0 to 250, not " + days);
            }
        }
    }

    static void check(RefundPolicyConfig policy) {
        try {
            policy.policy();
            dueDays(policy, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("refund.policy.*: " + e.getMessage(), e);
        }
        for (String branch : policy.branches().keySet()) {
            try {
                policy.policy(branch);
                dueDays(policy, branch);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("refund.policy.branches.\"" + branch + "\".*: " + e.getMessage(), e);
            }
        }
    }
}
