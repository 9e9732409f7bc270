package clinic.followup.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The chain's follow-up policy (docs/business.md defaults in {@code followup.*}).
 *
 * @param intakeCallbackAfter     a new complaint's callback comes this long after filing
 * @param callbackDays            the days after resolution (or refund settlement) of the callbacks: 1, 3, 7
 * @param checkInAfter            the check-in comes this long after a corrective-treatment visit...
 * @param checkInWithin           ...and within this of it where the business hours allow (24 hours)
 * @param productDays             the days after a sale of each product line's calls
 * @param surveyAfter             a case's survey is sent this long after closing (24 hours)
 * @param surveyOpenFor           and is open this long (28 days)
 * @param maxAttempts             calls with no answer before a task is unreachable
 * @param dissatisfiedCsatAtMost  a survey CSAT at or below this reopens the complaint
 * @param dissatisfiedNpsAtMost   a survey NPS at or below this reopens the complaint
 */
public record FollowUpPolicy(Duration intakeCallbackAfter, List<Integer> callbackDays, Duration checkInAfter,
                             Duration checkInWithin, Map<ProductLine, List<Integer>> productDays, Duration surveyAfter,
                             Duration surveyOpenFor, int maxAttempts, int dissatisfiedCsatAtMost,
                             int dissatisfiedNpsAtMost) {

    public FollowUpPolicy {
        callbackDays = List.copyOf(callbackDays);
        productDays = Map.copyOf(productDays);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }
}
