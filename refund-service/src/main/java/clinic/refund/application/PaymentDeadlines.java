package clinic.refund.application;

import clinic.eventstore.config.BranchCalendars;
import clinic.refund.config.RefundPolicyConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * When an agreed refund is due, unless the agreement names its own date: the policy's working days after the day of
 * the agreement where the branch is, counted on the branch's calendar (public holidays are not working days, make-up
 * days are). Goods (a complaint about a product sold) 15 working days, services 7, by default.
 */
@ApplicationScoped
public class PaymentDeadlines {

    private final RefundPolicyConfig policy;
    private final BranchCalendars calendars;
    private final ComplaintFacts complaints;

    public PaymentDeadlines(RefundPolicyConfig policy, BranchCalendars calendars, ComplaintFacts complaints) {
        this.policy = policy;
        this.calendars = calendars;
        this.complaints = complaints;
    }

    /** The due date of a refund of the complaint agreed at {@code at} in {@code branchId}. */
    public LocalDate dueDate(UUID complaintId, String branchId, Instant at) {
        boolean goods = complaints.find(complaintId).map(ComplaintFacts.Facts::goods).orElse(false);
        return dueDate(branchId, goods, at);
    }

    public LocalDate dueDate(String branchId, boolean goods, Instant at) {
        var calendar = calendars.of(branchId);
        int days = goods ? policy.goodsPaymentDueWorkingDays(branchId) : policy.paymentDueWorkingDays(branchId);
        return calendar.plusWorkingDays(LocalDate.ofInstant(at, calendar.zone()), days);
    }
}
