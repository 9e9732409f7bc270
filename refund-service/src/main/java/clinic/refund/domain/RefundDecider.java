package clinic.refund.domain;

import clinic.eventstore.domain.Money;

import clinic.refund.domain.RefundCase.Agreement;
import clinic.refund.domain.RefundCase.Offer;
import clinic.refund.domain.RefundCommand.Agree;
import clinic.refund.domain.RefundCommand.ApproveAgreement;
import clinic.refund.domain.RefundCommand.CheckOverdue;
import clinic.refund.domain.RefundCommand.CounterOffer;
import clinic.refund.domain.RefundCommand.MakeOffer;
import clinic.refund.domain.RefundCommand.RecordPayment;
import clinic.refund.domain.RefundCommand.Reject;
import clinic.refund.domain.RefundCommand.RequestRefund;
import clinic.refund.domain.RefundCommand.StartReview;
import clinic.refund.domain.RefundCommand.Withdraw;
import clinic.refund.domain.RefundEvent.RefundAgreed;
import clinic.refund.domain.RefundEvent.RefundAgreementApproved;
import clinic.refund.domain.RefundEvent.RefundCounterOffered;
import clinic.refund.domain.RefundEvent.RefundOffered;
import clinic.refund.domain.RefundEvent.RefundOverdue;
import clinic.refund.domain.RefundEvent.RefundPaymentRecorded;
import clinic.refund.domain.RefundEvent.RefundRejected;
import clinic.refund.domain.RefundEvent.RefundRequested;
import clinic.refund.domain.RefundEvent.RefundReviewStarted;
import clinic.refund.domain.RefundEvent.RefundSettled;
import clinic.refund.domain.RefundEvent.RefundWithdrawn;

import clinic.refund.domain.entitlement.RefundReason;
import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static clinic.refund.domain.RefundStatus.AGREED;
import static clinic.refund.domain.RefundStatus.AWAITING_APPROVAL;
import static clinic.refund.domain.RefundStatus.COUNTER_OFFERED;
import static clinic.refund.domain.RefundStatus.OFFERED;
import static clinic.refund.domain.RefundStatus.REJECTED;
import static clinic.refund.domain.RefundStatus.REQUESTED;
import static clinic.refund.domain.RefundStatus.SETTLED;
import static clinic.refund.domain.RefundStatus.SETTLING;
import static clinic.refund.domain.RefundStatus.UNDER_REVIEW;
import static clinic.refund.domain.RefundStatus.WITHDRAWN;
import static clinic.refund.domain.RefundStep.AGREE;
import static clinic.refund.domain.RefundStep.APPROVE;
import static clinic.refund.domain.RefundStep.COUNTER_OFFER;
import static clinic.refund.domain.RefundStep.ENTITLEMENT;
import static clinic.refund.domain.RefundStep.ESCALATE;
import static clinic.refund.domain.RefundStep.OFFER;
import static clinic.refund.domain.RefundStep.RECORD_PAYMENT;
import static clinic.refund.domain.RefundStep.REJECT;
import static clinic.refund.domain.RefundStep.START_REVIEW;
import static clinic.refund.domain.RefundStep.WITHDRAW;

/** The rules of a refund case, as two pure functions. */
public final class RefundDecider {

    private RefundDecider() {
    }

    public static List<RefundEvent> decide(RefundCommand command, RefundCase state) {
        if (command instanceof RequestRefund c && state.status() != RefundStatus.NONE) {
            throw new RefundAlreadyOpen(c.refundId());
        }
        if (command instanceof RecordPayment c && state.paymentWithReference(c.reference()).isPresent()) {
            return repeatedPayment(state.paymentWithReference(c.reference()).get(), c); // whatever the case's state now
        }
        if (!(command instanceof RefundCommand.Automatic || command instanceof RequestRefund)
                && !allowedSteps(state).contains(command.step())) {
            throw new StepNotAllowed(command.step(), "refund", state.status(), allowedSteps(state));
        }
        UUID id = state.id();
        UUID complaint = state.complaintId();
        return switch (command) {
            case RequestRefund c -> List.of(new RefundRequested(c.refundId(), c.complaintId(), c.branchId(),
                    c.customerRef(), c.kind(), c.amountPaid(), c.at()));
            case StartReview c -> List.of(new RefundReviewStarted(id, complaint, c.by(), c.at()));
            case MakeOffer c -> {
                checkAmount(state, c.amount(), c.remedy(), "amount");
                RefundRemedy remedy = remedy(state, c.amount(), c.remedy());
                checkAssessment(state, remedy);
                yield List.of(new RefundOffered(id, complaint, c.amount(), c.reason(), c.calculationPolicy(), c.by(), c.at(),
                        remedy));
            }
            case RefundCommand.RecordEntitlement c -> {
                if (c.orders().isEmpty()) {
                    throw new RuleBroken("orders", "an entitlement is calculated from at least one recorded order");
                }
                checkReason(state, c.entitlement().reason());
                if (!c.entitlement().total().currency().equals(state.amountPaid().currency())) {
                    throw new RuleBroken("orders", "the orders are in " + c.entitlement().total().currency()
                            + "; the refund is in " + state.amountPaid().currency());
                }
                yield List.of(new RefundEvent.RefundEntitlementCalculated(id, complaint, List.copyOf(c.orders()),
                        c.entitlement(), c.by(), c.at()));
            }
            case RefundCommand.Escalate c -> List.of(new RefundEvent.RefundEscalated(id, complaint, c.body(),
                    c.reference(), c.by(), c.at()));
            case CounterOffer c -> {
                checkAmount(state, c.amount(), c.remedy(), "amount");
                RefundRemedy remedy = remedy(state, c.amount(), c.remedy());
                if (c.party() == RefundCommand.Party.CLINIC) {
                    checkAssessment(state, remedy); // the customer may ask for anything
                }
                yield List.of(new RefundCounterOffered(id, complaint, c.party(), c.amount(), c.reason(), c.by(), c.at(),
                        remedy));
            }
            case Agree c -> {
                checkAmount(state, c.amount(), c.remedy(), "amount");
                checkAssessment(state, remedy(state, c.amount(), c.remedy()));
                long split = 0;
                for (RefundCommand.ChannelShare share : c.channels()) {
                    if (!share.amount().currency().equals(c.amount().currency()) || share.amount().minorUnits() <= 0) {
                        throw new RuleBroken("channels", "each channel pays a positive amount in " + c.amount().currency());
                    }
                    split += share.amount().minorUnits();
                }
                if (c.channels().isEmpty() || split != c.amount().minorUnits()) {
                    throw new RuleBroken("channels", "the channels must pay the agreed amount exactly");
                }
                if (c.dueDate() == null || c.dueDate().isBefore(c.today())) {
                    throw new RuleBroken("dueDate", "the due date must be today or later");
                }
                boolean needsApproval = c.approvalThreshold() != null
                        && c.amount().minorUnits() > c.approvalThreshold().minorUnits();
                yield List.of(new RefundAgreed(id, complaint, c.amount(), List.copyOf(c.channels()), c.dueDate(),
                        needsApproval, c.by(), c.at(), remedy(state, c.amount(), c.remedy())));
            }
            case ApproveAgreement c -> List.of(new RefundAgreementApproved(id, complaint, c.approvedBy(), c.at()));
            case RecordPayment c -> recordPayment(state, c);
            case Reject c -> List.of(new RefundRejected(id, complaint, c.reason(), c.by(), c.at()));
            case Withdraw c -> List.of(new RefundWithdrawn(id, complaint, c.reason(), c.by(), c.at()));
            case RefundCommand.NoteAssessment c -> {
                RefundCase.Assessment known = state.assessment();
                boolean same = known != null && known.finding() == c.finding() && known.assessedAt().equals(c.assessedAt());
                yield !state.status().isOpen() || same ? List.of() : List.of(new RefundEvent.RefundAssessmentNoted(id,
                        complaint, c.finding(), c.assessor(), c.assessedAt(), c.at()));
            }
            case RefundCommand.OverrideAssessment c -> List.of(new RefundEvent.RefundAssessmentOverridden(id, complaint,
                    c.reason(), c.by(), c.at()));
            case RefundCommand.RecordComplaintOffer c -> complaintOffer(state, c);
            case RefundCommand.EndWithComplaint c -> !state.negotiating() ? List.of() : List.of(c.rejected()
                    ? new RefundRejected(id, complaint, c.reason(), "complaint-service", c.at())
                    : new RefundWithdrawn(id, complaint, c.reason(), "complaint-service", c.at()));
            case RefundCommand.RecordComplaintAgreement c -> complaintAgreement(state, c);
            case CheckOverdue c -> {
                Agreement a = state.agreement();
                boolean due = (state.status() == AGREED || state.status() == SETTLING) && a != null
                        && c.today().isAfter(a.dueDate()) && !state.overdue();
                yield due ? List.of(new RefundOverdue(id, complaint, a.amount(),
                        new Money(state.paidMinor(), a.amount().currency()), a.dueDate(), c.at())) : List.of();
            }
        };
    }

    public static RefundCase evolve(RefundCase s, RefundEvent event) {
        return switch (event) {
            case RefundRequested e -> new RefundCase(e.refundId(), e.complaintId(), e.branchId(), e.customerRef(),
                    e.kind(), e.amountPaid(), REQUESTED, e.requestedAt(), List.of(), null, 0, false, null, List.of());
            case RefundEvent.RefundEntitlementCalculated e -> s.withEntitlement(e.entitlement(), e.orders());
            case RefundEvent.RefundEscalated e -> s.with(RefundStatus.ESCALATED);
            case RefundReviewStarted e -> s.with(UNDER_REVIEW);
            case RefundOffered e -> s.withOffer(new Offer(RefundCommand.Party.CLINIC, e.amount(),
                    remedyOf(e.remedy(), e.amount(), s), e.reason(), e.by(), e.offeredAt()), OFFERED);
            case RefundCounterOffered e -> s.withOffer(new Offer(e.party(), e.amount(), remedyOf(e.remedy(), e.amount(), s),
                    e.reason(), e.by(), e.offeredAt()), COUNTER_OFFERED);
            case RefundAgreed e -> s.withAgreement(new Agreement(e.amount(), remedyOf(e.remedy(), e.amount(), s),
                    e.channels(), e.dueDate(), e.needsApproval(), !e.needsApproval(), e.agreedAt()),
                    e.needsApproval() ? AWAITING_APPROVAL : AGREED);
            case RefundAgreementApproved e -> s.withAgreement(new Agreement(s.agreement().amount(), s.agreement().remedy(),
                    s.agreement().channels(), s.agreement().dueDate(), true, true, s.agreement().agreedAt()), AGREED);
            case RefundPaymentRecorded e -> s.withPaymentMade(new RefundCase.PaymentMade(e.channel(), e.amount(), e.reference()));
            case RefundSettled e -> s.withPayment(s.paidMinor(), SETTLED, false);
            case RefundRejected e -> s.with(REJECTED);
            case RefundWithdrawn e -> s.with(WITHDRAWN);
            case RefundOverdue e -> s.withPayment(s.paidMinor(), s.status(), true);
            case RefundEvent.RefundAssessmentNoted e -> s.withAssessment(new RefundCase.Assessment(e.finding(),
                    e.assessor(), e.assessedAt(), null, null));
            case RefundEvent.RefundAssessmentOverridden e -> s.withAssessment(new RefundCase.Assessment(
                    s.assessment().finding(), s.assessment().assessor(), s.assessment().assessedAt(), e.reason(), e.by()));
            case RefundEvent.ComplaintAgreementNotApplied e -> s;
        };
    }

    /** The steps the case accepts now. */
    public static List<String> allowedSteps(RefundCase s) {
        List<RefundStep> steps = new ArrayList<>(stepsOfStatus(s));
        if (s.negotiating() && s.assessment() != null && s.assessment().forbidsFullRefund()) {
            steps.add(RefundStep.OVERRIDE_ASSESSMENT);
        }
        return clinic.eventstore.domain.ApiStep.names(steps);
    }

    /** NONE: none (the case is opened from the complaint's events, {@link RequestRefund}, not through the API). */
    private static List<RefundStep> stepsOfStatus(RefundCase s) {
        return switch (s.status()) {
            case NONE -> List.of();
            case REQUESTED -> List.of(START_REVIEW, REJECT, WITHDRAW, ESCALATE);
            case UNDER_REVIEW -> List.of(ENTITLEMENT, OFFER, REJECT, WITHDRAW, ESCALATE);
            case OFFERED, COUNTER_OFFERED -> List.of(ENTITLEMENT, COUNTER_OFFER, AGREE, OFFER, REJECT, WITHDRAW,
                    ESCALATE);
            case ESCALATED -> List.of(ENTITLEMENT, OFFER, COUNTER_OFFER, AGREE, REJECT, WITHDRAW);
            case AWAITING_APPROVAL -> List.of(APPROVE, WITHDRAW);
            case AGREED, SETTLING -> List.of(RECORD_PAYMENT);
            case SETTLED, REJECTED, WITHDRAWN -> List.of();
        };
    }

    /** The remedy named, or the one the amount implies; a full refund is everything paid. */
    private static RefundRemedy remedy(RefundCase state, Money amount, RefundRemedy named) {
        if (named == RefundRemedy.FULL_REFUND && amount.minorUnits() != state.amountPaid().minorUnits()) {
            throw new RuleBroken("remedy", "a full refund is the " + state.amountPaid().minorUnits()
                    + " paid (minor units); this is a partial one");
        }
        return named != null ? named : RefundRemedy.implied(amount, state.amountPaid());
    }

    /** Events stored before remedies were recorded imply theirs from the amount. */
    private static RefundRemedy remedyOf(RefundRemedy stored, Money amount, RefundCase s) {
        return stored != null ? stored : RefundRemedy.implied(amount, s.amountPaid());
    }

    /**
     * A refund never exceeds what was paid, in the currency it was paid in; compensation (named as such) is money for
     * harm or costs and may.
     */
    private static void checkAmount(RefundCase state, Money amount, RefundRemedy named, String field) {
        if (amount == null) {
            throw new RuleBroken(field, "is required");
        }
        if (!amount.currency().equals(state.amountPaid().currency())) {
            throw new RuleBroken(field, "the refund is in " + state.amountPaid().currency()
                    + ", the currency the customer paid in");
        }
        if (named != RefundRemedy.COMPENSATION && amount.minorUnits() > state.amountPaid().minorUnits()) {
            throw new RuleBroken(field, "exceeds the " + state.amountPaid().minorUnits() + " paid (minor units)");
        }
    }

    /**
     * A payment is made on one channel of the agreement and never exceeds what is left on that channel; the refund is
     * settled when every channel is paid in full. A reference names one payment: the one recorded under it.
     */
    private static List<RefundEvent> recordPayment(RefundCase s, RecordPayment c) {
        Agreement a = s.agreement();
        if (c.reference() == null || c.reference().isBlank()) {
            throw new RuleBroken("reference", "a payment is confirmed by its reference");
        }
        if (c.amount() == null || !c.amount().currency().equals(a.amount().currency()) || c.amount().minorUnits() <= 0) {
            throw new RuleBroken("amount", "a payment is a positive amount in " + a.amount().currency());
        }
        Map<String, Long> left = leftToPay(s);
        if (!left.containsKey(c.channel())) {
            throw new RuleBroken("channel", "the agreement pays through " + left.keySet() + ", not " + c.channel());
        }
        long leftOnChannel = left.get(c.channel());
        if (c.amount().minorUnits() > leftOnChannel) {
            Map<String, Long> elsewhere = new LinkedHashMap<>(left);
            elsewhere.remove(c.channel());
            elsewhere.values().removeIf(owed -> owed == 0);
            throw new RuleBroken("amount", (leftOnChannel == 0
                    ? c.channel() + " is paid in full (" + money(a, dueOn(a, c.channel())) + ")"
                    : "only " + money(a, leftOnChannel) + " is left to pay on " + c.channel() + " (of its "
                    + money(a, dueOn(a, c.channel())) + ")")
                    + (elsewhere.isEmpty() ? "" : "; still to pay: " + elsewhere.entrySet().stream()
                    .map(e -> e.getKey() + " " + money(a, e.getValue())).collect(Collectors.joining(", "))));
        }
        List<RefundEvent> events = new ArrayList<>();
        events.add(new RefundPaymentRecorded(s.id(), s.complaintId(), c.channel(), c.amount(), c.reference(), c.by(), c.at()));
        left.put(c.channel(), leftOnChannel - c.amount().minorUnits());
        if (left.values().stream().allMatch(owed -> owed == 0)) {
            events.add(new RefundSettled(s.id(), s.complaintId(), a.amount(), c.at()));
        }
        return events;
    }

    /**
     * The same payment again (its reference, channel and amount) decides nothing: it was counted when it was recorded.
     * Its reference on another channel or amount is another payment under a reference already used, refused.
     */
    private static List<RefundEvent> repeatedPayment(RefundCase.PaymentMade recorded, RecordPayment c) {
        if (recorded.channel().equals(c.channel()) && recorded.amount().equals(c.amount())) {
            return List.of();
        }
        throw new RuleBroken("reference", "payment " + c.reference() + " is already recorded for "
                + recorded.channel() + " " + recorded.amount().display()
                + "; another payment is confirmed by its own reference");
    }

    /** What is left to pay on each channel of the agreement, in the agreement's order (minor units). */
    private static Map<String, Long> leftToPay(RefundCase s) {
        Map<String, Long> left = new LinkedHashMap<>();
        for (RefundCommand.ChannelShare share : s.agreement().channels()) {
            left.merge(share.channel(), share.amount().minorUnits(), Long::sum);
        }
        // never below zero: a channel overpaid before payments were held to each channel's share is simply paid
        left.replaceAll((channel, due) -> Math.max(0, due - s.paidOn(channel)));
        return left;
    }

    /** What the agreement pays on {@code channel} in all (minor units). */
    private static long dueOn(Agreement a, String channel) {
        return a.channels().stream().filter(share -> share.channel().equals(channel))
                .mapToLong(share -> share.amount().minorUnits()).sum();
    }

    private static String money(Agreement a, long minor) {
        return new Money(minor, a.amount().currency()).display();
    }

    /** A clinic found not at fault offers no full refund and no compensation, unless HQ set the finding aside. */
    private static void checkAssessment(RefundCase state, RefundRemedy remedy) {
        RefundCase.Assessment a = state.assessment();
        if (a != null && a.forbidsFullRefund()
                && (remedy == RefundRemedy.FULL_REFUND || remedy == RefundRemedy.COMPENSATION)) {
            throw new RuleBroken("remedy", "the third-party assessment by " + a.assessor()
                    + " found the clinic not at fault: no " + remedy + " unless HQ overrides the finding with a reason"
                    + " (override-assessment); offer a partial refund");
        }
    }

    /**
     * The reason of the case's next entitlement: the one the review gives, held to the assessment, or (none given) the
     * one an at-fault assessment gives.
     */
    public static RefundReason entitlementReason(RefundCase state, RefundReason given) {
        if (given == null) {
            if (state.assessment() != null && state.assessment().finding() == AssessmentFinding.AT_FAULT) {
                return RefundReason.RESULT_AT_FAULT;
            }
            throw new RuleBroken("reason", "is required: no third-party assessment on the complaint found the "
                    + "clinic at fault");
        }
        checkReason(state, given);
        return given;
    }

    /**
     * The entitlement's reason follows the assessment: at fault, it is {@code RESULT_AT_FAULT} (a full refund of what
     * was paid for the items), never chosen otherwise; a result is blamed on the clinic only by an at-fault finding.
     */
    private static void checkReason(RefundCase state, RefundReason reason) {
        AssessmentFinding finding = state.assessment() == null ? null : state.assessment().finding();
        if (finding == AssessmentFinding.AT_FAULT && reason != RefundReason.RESULT_AT_FAULT) {
            throw new RuleBroken("reason", "the third-party assessment by " + state.assessment().assessor()
                    + " found the clinic at fault: the entitlement is " + RefundReason.RESULT_AT_FAULT + ", not " + reason);
        }
        if (finding != AssessmentFinding.AT_FAULT && reason == RefundReason.RESULT_AT_FAULT) {
            throw new RuleBroken("reason", RefundReason.RESULT_AT_FAULT + " needs a third-party assessment that "
                    + "found the clinic at fault; " + (finding == null ? "none is recorded on the complaint"
                    : "the one recorded found " + finding));
        }
    }

    /**
     * The reason a complaint-side round carries here: the round's own words stay on the complaint (staff may quote the
     * customer there), this case only says where it came from.
     */
    static final String COMPLAINT_ROUND = "a round of the complaint's negotiation";

    /** A complaint-side round joins the negotiation while there is one; otherwise (agreed, closed) it decides nothing. */
    private static List<RefundEvent> complaintOffer(RefundCase s, RefundCommand.RecordComplaintOffer c) {
        if (!s.negotiating()) {
            return List.of();
        }
        try {
            checkAmount(s, c.amount(), c.remedy(), "amount");
            RefundRemedy remedy = remedy(s, c.amount(), c.remedy());
            if (c.party() == RefundCommand.Party.CLINIC) {
                checkAssessment(s, remedy);
                return List.of(new RefundOffered(s.id(), s.complaintId(), c.amount(), COMPLAINT_ROUND, null, c.by(), c.at(),
                        remedy));
            }
            return List.of(new RefundCounterOffered(s.id(), s.complaintId(), c.party(), c.amount(), COMPLAINT_ROUND, c.by(),
                    c.at(), remedy));
        } catch (RuleBroken refused) {
            return List.of(); // complaint-service holds its rounds to the same rules; nothing to add to this negotiation
        }
    }

    /**
     * The complaint's written agreement becomes the case's, while the case negotiates; the same agreement again decides
     * nothing; anything else is recorded as not applied, with the reason, for HQ.
     */
    private static List<RefundEvent> complaintAgreement(RefundCase s, RefundCommand.RecordComplaintAgreement c) {
        Agreement existing = s.agreement();
        if (existing != null && existing.amount().equals(c.amount()) && existing.remedy() == c.remedy()) {
            return List.of();
        }
        String refused;
        if (existing != null) {
            refused = "the refund case agreed " + existing.remedy() + " " + existing.amount().display()
                    + " already";
        } else if (!s.negotiating()) {
            refused = "the refund case is " + s.status();
        } else {
            try {
                checkAmount(s, c.amount(), c.remedy(), "amount");
                RefundRemedy remedy = remedy(s, c.amount(), c.remedy());
                checkAssessment(s, remedy);
                boolean needsApproval = c.approvalThreshold() != null
                        && c.amount().minorUnits() > c.approvalThreshold().minorUnits();
                String channel = c.paymentMethod() == null || c.paymentMethod().isBlank() ? "as agreed" : c.paymentMethod();
                return List.of(new RefundAgreed(s.id(), s.complaintId(), c.amount(),
                        List.of(new RefundCommand.ChannelShare(channel, c.amount())), c.dueDate(), needsApproval, c.by(),
                        c.at(), remedy));
            } catch (RuleBroken e) {
                refused = e.getMessage();
            }
        }
        return List.of(new RefundEvent.ComplaintAgreementNotApplied(s.id(), s.complaintId(), c.remedy(), c.amount(),
                c.dueDate(), refused, c.at()));
    }
}
