package clinic.followup.config;

import clinic.calendar.BusinessCalendar;
import clinic.calendar.CalendarSettings;
import clinic.followup.domain.FollowUpPolicy;
import clinic.followup.domain.ProductLine;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code followup.*}: the follow-up policy (domain.md defaults) and the business calendars calls are placed in: the
 * chain's {@code calendar}, each branch's {@code branches."<id>"} over it.
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

    CalendarSettings calendar();

    Map<String, CalendarSettings> branches();

    default BusinessCalendar calendarFor(String branchId) {
        return CalendarSettings.resolve(branchId == null ? null : branches().get(branchId), calendar());
    }

    default FollowUpPolicy policy() {
        return new FollowUpPolicy(intakeCallbackAfter(), callbackDays(), checkInAfter(), checkInWithin(),
                Map.of(ProductLine.GENERAL, productDaysGeneral(), ProductLine.THERAPEUTIC, productDaysTherapeutic(),
                        ProductLine.BRAND, productDaysBrand()),
                surveyAfter(), surveyOpenFor(), maxAttempts(), dissatisfiedCsatAtMost(), dissatisfiedNpsAtMost());
    }
}
