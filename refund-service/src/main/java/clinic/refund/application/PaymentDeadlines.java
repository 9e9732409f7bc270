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

    /**
     * A written agreement as the policy completes it: due on {@code dueDate} if the parties named one, else the
     * policy's working days after today; HQ approval above the branch's threshold, in the case's currency.
     */
    public clinic.refund.domain.RefundCommand.Agree agreement(clinic.refund.domain.RefundCase c,
                                                              clinic.eventstore.domain.Money amount,
                                                              clinic.refund.domain.RefundRemedy remedy,
                                                              java.util.List<clinic.refund.domain.RefundCommand.ChannelShare> channels,
                                                              LocalDate dueDate, String by, Instant at) {
        LocalDate today = LocalDate.ofInstant(at, calendars.of(c.branchId()).zone());
        LocalDate due = dueDate != null ? dueDate : dueDate(c.complaintId(), c.branchId(), at);
        return new clinic.refund.domain.RefundCommand.Agree(amount, remedy, channels, due, today,
                approvalThreshold(c.branchId(), c.amountPaid().currency()), by, at);
    }

    /**
     * The complaint's written money agreement as the refund case takes it: the due date agreed or else the policy's
     * for goods or services, HQ's approval above the branch's threshold.
     */
    public clinic.refund.domain.RefundCommand.RecordComplaintAgreement complaintAgreement(
            ComplaintFacts.Facts facts, clinic.refund.domain.RefundRemedy remedy, clinic.eventstore.domain.Money amount,
            String paymentMethod, LocalDate dueDate, String by, Instant at) {
        LocalDate due = dueDate != null ? dueDate : dueDate(facts.branchId(), facts.goods(), at);
        return new clinic.refund.domain.RefundCommand.RecordComplaintAgreement(remedy, amount, paymentMethod, due,
                approvalThreshold(facts.branchId(), amount.currency()), by, at);
    }

    /** Above this amount the branch's agreements wait for HQ's approval; null when its policy sets none. */
    private clinic.eventstore.domain.Money approvalThreshold(String branchId, String currency) {
        Long minor = policy.approvalThresholdMinor(branchId);
        return minor == null ? null : new clinic.eventstore.domain.Money(minor, currency);
    }

    public LocalDate dueDate(String branchId, boolean goods, Instant at) {
        var calendar = calendars.of(branchId);
        int days = goods ? policy.goodsPaymentDueWorkingDays(branchId) : policy.paymentDueWorkingDays(branchId);
        return calendar.plusWorkingDays(LocalDate.ofInstant(at, calendar.zone()), days);
    }
}
