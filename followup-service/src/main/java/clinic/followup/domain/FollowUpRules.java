package clinic.followup.domain;

import clinic.calendar.BusinessCalendar;
import clinic.followup.domain.FollowUpCommand.ScheduleFollowUp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which follow-up calls an event calls for, and when: always inside the branch's business hours (its time zone,
 * working days, holidays), never at night. Task ids are derived from what they are about, so an event delivered again
 * schedules nothing new.
 */
public final class FollowUpRules {

    private FollowUpRules() {
    }

    /** A new complaint: its branch calls back after the policy delay. */
    public static List<ScheduleFollowUp> onComplaintFiled(UUID complaintId, String branchId, String customerRef,
                                                          Instant filedAt, FollowUpPolicy policy, BusinessCalendar calendar) {
        return List.of(new ScheduleFollowUp(taskId(complaintId, FollowUpKind.INTAKE_CALLBACK), complaintId, null,
                branchId, customerRef, FollowUpKind.INTAKE_CALLBACK, 0,
                calendar.nextOpen(filedAt.plus(policy.intakeCallbackAfter())), filedAt));
    }

    /**
     * The 1-3-7 rule: callbacks on the policy's days after a complaint is resolved or its refund settled, once per
     * cycle of the case (a reopened case resolved again gets a new series; the refund settled after the resolution,
     * or the resolution after the refund settled, does not start a second one: the ids are the same).
     */
    public static List<ScheduleFollowUp> afterResolution(UUID complaintId, int cycle, String branchId, String customerRef,
                                                         Instant at, FollowUpPolicy policy, BusinessCalendar calendar) {
        List<ScheduleFollowUp> tasks = new ArrayList<>();
        for (int day : policy.callbackDays()) {
            tasks.add(new ScheduleFollowUp(id(FollowUpKind.RESOLUTION_CALLBACK + ":" + complaintId + ":" + cycle + ":" + day),
                    complaintId, null, branchId, customerRef, FollowUpKind.RESOLUTION_CALLBACK, day,
                    calendar.nextOpen(at.plus(Duration.ofDays(day))), at));
        }
        return tasks;
    }

    /**
     * A check-in after a corrective-treatment visit: the policy's delay after it, moved into business hours; when
     * that falls beyond the 24 hours (an evening visit before a weekend), the first open slot after the visit instead,
     * if that is within them.
     */
    public static ScheduleFollowUp afterCorrectiveVisit(UUID complaintId, String branchId, String customerRef,
                                                        Instant visitedAt, FollowUpPolicy policy, BusinessCalendar calendar) {
        Instant deadline = visitedAt.plus(policy.checkInWithin());
        Instant due = calendar.nextOpen(visitedAt.plus(policy.checkInAfter()));
        if (due.isAfter(deadline)) {
            Instant soonest = calendar.nextOpen(visitedAt.plus(Duration.ofMinutes(30)));
            if (!soonest.isAfter(deadline)) {
                due = soonest;
            }
        }
        return new ScheduleFollowUp(id(FollowUpKind.CORRECTIVE_CHECK_IN + ":" + complaintId + ":" + visitedAt),
                complaintId, null, branchId, customerRef, FollowUpKind.CORRECTIVE_CHECK_IN, 0, due, visitedAt);
    }

    /** After a sale: one call per product line and policy day (several products of a line share the call). */
    public static List<ScheduleFollowUp> afterProductSale(UUID purchaseId, String branchId, String customerRef,
                                                          Instant purchasedAt, List<ProductLine> linesSold,
                                                          FollowUpPolicy policy, BusinessCalendar calendar) {
        List<ScheduleFollowUp> tasks = new ArrayList<>();
        for (ProductLine line : linesSold.stream().distinct().sorted().toList()) {
            for (int day : policy.productDays().getOrDefault(line, List.of())) {
                tasks.add(new ScheduleFollowUp(id(FollowUpKind.PRODUCT_FOLLOW_UP + ":" + purchaseId + ":" + line + ":" + day),
                        null, purchaseId, branchId, customerRef, FollowUpKind.PRODUCT_FOLLOW_UP, day,
                        calendar.nextOpen(purchasedAt.plus(Duration.ofDays(day))), purchasedAt));
            }
        }
        return tasks;
    }

    /** A case's survey: the policy's delay after closing, inside business hours; its id comes from the case. */
    public static SurveyCommand.ScheduleSurvey surveyAfterClosing(UUID complaintId, String branchId, String customerRef,
                                                                 Instant closedAt, String token, FollowUpPolicy policy,
                                                                 BusinessCalendar calendar) {
        return new SurveyCommand.ScheduleSurvey(surveyId(complaintId), complaintId, branchId, customerRef, token,
                calendar.nextOpen(closedAt.plus(policy.surveyAfter())), closedAt);
    }

    /** The next try after no answer: the next working day's opening. */
    public static Instant nextAttempt(Instant calledAt, BusinessCalendar calendar) {
        return calendar.nextWorkingDayOpening(calledAt);
    }

    /** One intake callback per complaint: its id is derived from both. */
    public static UUID taskId(UUID complaintId, FollowUpKind kind) {
        return id(kind + ":" + complaintId);
    }

    public static UUID surveyId(UUID complaintId) {
        return id("SURVEY:" + complaintId);
    }

    /** A complaint's follow-up window: one stream per complaint, each resolution cycle's window in turn. */
    public static UUID windowId(UUID complaintId) {
        return id("FOLLOW_UP_WINDOW:" + complaintId);
    }

    /** The task ids of a resolution cycle's series: what its follow-up window waits for. */
    public static List<UUID> taskIds(List<ScheduleFollowUp> series) {
        return series.stream().map(ScheduleFollowUp::taskId).toList();
    }

    private static UUID id(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The docs/business.md defaults. */
    public static FollowUpPolicy defaults() {
        return new FollowUpPolicy(Duration.ofHours(24), List.of(1, 3, 7), Duration.ofHours(2), Duration.ofHours(24),
                Map.of(ProductLine.GENERAL, List.of(2, 5), ProductLine.THERAPEUTIC, List.of(3), ProductLine.BRAND, List.of(6)),
                Duration.ofHours(24), Duration.ofDays(28), 3, 2, 3);
    }
}
