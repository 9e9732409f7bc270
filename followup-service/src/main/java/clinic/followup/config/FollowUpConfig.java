package clinic.followup.config;

import clinic.followup.domain.FollowUpPolicy;
import clinic.followup.domain.ProductLine;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code followup.*}: the chain's follow-up policy (docs/business.md defaults), each branch's rules over it
 * ({@code branch-rules."<id>".*}), and the business calendars calls are placed in: the chain's {@code calendar}, each
 * branch's {@code branches."<id>"} over it.
 */
@ConfigMapping(prefix = "followup")
public interface FollowUpConfig {

    /** How long after a complaint is filed its branch calls the customer back. */
    @WithDefault("PT24H")
    Duration intakeCallbackAfter();

    /** The 1-3-7 rule. */
    @WithDefault("1,3,7")
    List<Integer> callbackDays();

    @WithDefault("PT2H")
    Duration checkInAfter();

    @WithDefault("PT24H")
    Duration checkInWithin();

    /** Days after a sale of a general product's calls ("have you started", "how is it going"). */
    @WithDefault("2,5")
    List<Integer> productDaysGeneral();

    @WithDefault("3")
    List<Integer> productDaysTherapeutic();

    /** Brand products: within a week. */
    @WithDefault("6")
    List<Integer> productDaysBrand();

    @WithDefault("PT24H")
    Duration surveyAfter();

    @WithDefault("P28D")
    Duration surveyOpenFor();

    @WithDefault("3")
    int maxAttempts();

    @WithDefault("2")
    int dissatisfiedCsatAtMost();

    @WithDefault("3")
    int dissatisfiedNpsAtMost();

    /** A due task still open this long after its time is overdue: it leads the work queue. */
    @WithDefault("PT4H")
    Duration overdueAfter();

    /** How often the scheduler looks for tasks and surveys whose time has come. */
    @WithDefault("5s")
    Duration checkEvery();

    /** Where customers open their survey: the link is this plus {@code /surveys/<token>}. */
    @WithDefault("http://localhost:8083")
    String surveyBaseUrl();

    /** A branch's own rules, any part of them: {@code followup.branch-rules."SH001".callback-days=1,3,7,14}. */
    Map<String, BranchRules> branchRules();

    interface BranchRules {
        Optional<Duration> intakeCallbackAfter();

        Optional<List<Integer>> callbackDays();

        Optional<List<Integer>> productDaysGeneral();

        Optional<List<Integer>> productDaysTherapeutic();

        Optional<List<Integer>> productDaysBrand();

        Optional<Duration> surveyAfter();

        Optional<Integer> maxAttempts();

        Optional<Integer> dissatisfiedCsatAtMost();

        Optional<Integer> dissatisfiedNpsAtMost();
    }

    /** The policy of a branch: its own rules where it has them, the chain's otherwise. */
    default FollowUpPolicy policyFor(String branchId) {
        BranchRules b = branchId == null ? null : branchRules().get(branchId);
        return new FollowUpPolicy(
                pick(b, BranchRules::intakeCallbackAfter, intakeCallbackAfter()),
                pick(b, BranchRules::callbackDays, callbackDays()), checkInAfter(), checkInWithin(),
                Map.of(ProductLine.GENERAL, pick(b, BranchRules::productDaysGeneral, productDaysGeneral()),
                        ProductLine.THERAPEUTIC, pick(b, BranchRules::productDaysTherapeutic, productDaysTherapeutic()),
                        ProductLine.BRAND, pick(b, BranchRules::productDaysBrand, productDaysBrand())),
                pick(b, BranchRules::surveyAfter, surveyAfter()), surveyOpenFor(),
                pick(b, BranchRules::maxAttempts, maxAttempts()),
                pick(b, BranchRules::dissatisfiedCsatAtMost, dissatisfiedCsatAtMost()),
                pick(b, BranchRules::dissatisfiedNpsAtMost, dissatisfiedNpsAtMost()));
    }

    private static <T> T pick(BranchRules branch, java.util.function.Function<BranchRules, Optional<T>> part, T chain) {
        return branch == null ? chain : part.apply(branch).orElse(chain);
    }
}
