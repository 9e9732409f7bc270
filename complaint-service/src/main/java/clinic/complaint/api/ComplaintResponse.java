package clinic.complaint.api;

import clinic.complaint.application.ComplaintService.CaseView;
import clinic.complaint.application.PersonalData;
import clinic.complaint.domain.AssessmentResult;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Channel;
import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.ComplaintDecider;
import clinic.complaint.domain.ComplaintStatus;
import clinic.complaint.domain.EscalationBody;
import clinic.complaint.domain.EscalationNorms;
import clinic.complaint.domain.EvidenceType;
import clinic.complaint.domain.Party;
import clinic.complaint.domain.Remedy;
import clinic.complaint.domain.Severity;
import clinic.complaint.domain.Subject;
import clinic.complaint.domain.WaitReason;
import clinic.complaint.domain.sla.SlaClockName;
import clinic.complaint.domain.sla.SlaState;
import clinic.eventstore.security.PersonalDataMask;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A case as the API shows it: its state, what it allows next, and (to those who may see it) the personal data. */
public record ComplaintResponse(
        UUID id,
        String caseNumber,
        ComplaintStatus status,
        long version,
        List<String> allowedSteps,
        String branchId,
        Customer customer,
        Channel channel,
        Category category,
        String description,
        Remedy requestedRemedy,
        MoneyJson amountPaid,
        Instant filedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Severity severity,
        Subject subject,
        Boolean inScope,
        String scope,
        String owner,
        WaitReason waitingOn,
        Instant waitingSince,
        List<Evidence> evidence,
        Assessment thirdPartyAssessment,
        List<Offer> offers,
        Agreement agreement,
        String decision,
        Instant resolvedAt,
        Instant closedAt,
        int reopenCount,
        List<Escalation> escalations,
        Refund refund,
        String hqEscalation,
        List<Sla> sla) {

    /**
     * {@code erased}: the customer's personal data was erased; the case itself stays. {@code masked}: shown to someone
     * outside the branch handling the case (HQ, operations): name and numbers masked (王*, 138****1234), no ID number's
     * middle, no description.
     */
    public record Customer(String ref, String name, String phone, String idNumber, boolean erased, boolean masked) {
    }

    public record Evidence(UUID id, EvidenceType type, String suppliedBy, String sha256, long sizeBytes, Instant addedAt) {
    }

    public record Assessment(String assessor, Instant requestedAt, AssessmentResult result, String summary,
                             Instant recordedAt) {
    }

    public record Offer(Party party, Remedy remedy, MoneyJson amount, String note, String by, Instant at) {
    }

    public record Agreement(Remedy remedy, MoneyJson amount, String paymentMethod, LocalDate dueDate, Instant agreedAt) {
    }

    /**
     * An external escalation. {@code deadline}: the date typed in, if any; {@code deadlineSource}: what sets its
     * deadlines ({@code typed}, the name of the body's public norm, or null: none); {@code deadlines}: each of them
     * read now.
     */
    public record Escalation(UUID id, EscalationBody body, String referenceNumber, LocalDate deadline,
                             Instant escalatedAt, String outcome, Instant outcomeAt, String deadlineSource,
                             List<EscalationDeadline> deadlines) {
    }

    /**
     * One deadline of an escalation, in the branch's calendar: due at the end of {@code dueDate}, at risk from
     * {@code atRiskFrom}; both null while {@code paused} (the case waits on the assessor and the norm leaves that time
     * out). {@code source}: {@code typed} or the norm's name. {@code atRisk}: at risk now, no outcome yet;
     * {@code missed}: the due day ended before an outcome was recorded.
     */
    public record EscalationDeadline(EscalationNorms.DeadlineKind kind, String source, LocalDate dueDate,
                                     LocalDate atRiskFrom, boolean paused, boolean atRisk, boolean missed) {
    }

    /** The refund refund-service handles for the case, as its events reported it. */
    /**
     * The case's refund as refund-service reported it: {@code progress} is OPEN, AGREED, PAID_IN_PART, SETTLED or
     * OVERDUE; {@code paidAmount} what was paid so far over all channels.
     */
    public record Refund(UUID refundId, String progress, MoneyJson agreedAmount, LocalDate dueDate, MoneyJson paidAmount,
                         MoneyJson settledAmount, boolean overdue) {
    }

    /** An SLA clock read now: dueAt and atRiskAt are null while a wait pauses it. */
    public record Sla(SlaClockName clock, SlaState state, Instant startedAt, Instant atRiskAt, Instant dueAt,
                      java.time.Duration used, Instant stoppedAt) {
    }

    /** The case with its personal data whole: to staff of the branch handling it. */
    static ComplaintResponse of(CaseView view) {
        return of(view, true);
    }

    /** The case, its personal data whole or masked ({@link PersonalDataMask}). */
    static ComplaintResponse of(CaseView view, boolean whole) {
        Complaint c = view.complaint();
        PersonalData p = whole ? view.personal() : new PersonalData(PersonalDataMask.name(view.personal().name()),
                PersonalDataMask.phone(view.personal().phone()), PersonalDataMask.idNumber(view.personal().idNumber()),
                null, view.personal().erased());
        var a = c.thirdPartyAssessment();
        var g = c.agreement();
        return new ComplaintResponse(c.id(), c.caseNumber(), c.status(), view.version(),
                ComplaintDecider.allowedSteps(c), c.branchId(),
                new Customer(c.customerRef(), p.name(), p.phone(), p.idNumber(), p.erased(), !whole),
                c.channel(), c.category(), p.description(), c.requestedRemedy(),
                MoneyJson.of(c.amountPaid()), c.filedAt(), c.acknowledgedAt(), c.acknowledgedBy(),
                c.severity(), c.subject(), c.inScope(), c.scope(), c.owner(), c.waitingOn(), c.waitingSince(),
                c.evidence().stream().map(e -> new Evidence(e.id(), e.type(), e.suppliedBy(), e.sha256(), e.sizeBytes(),
                        e.addedAt())).toList(),
                a == null ? null : new Assessment(a.assessor(), a.requestedAt(), a.result(), a.summary(), a.recordedAt()),
                c.offers().stream().map(o -> new Offer(o.party(), o.remedy(), MoneyJson.of(o.amount()), o.note(), o.by(),
                        o.at())).toList(),
                g == null ? null : new Agreement(g.remedy(), MoneyJson.of(g.amount()), g.paymentMethod(), g.dueDate(),
                        g.agreedAt()),
                c.decision(), c.resolvedAt(), c.closedAt(), c.reopenCount(),
                c.escalations().stream().map(e -> new Escalation(e.id(), e.body(), e.referenceNumber(), e.deadline(),
                        e.escalatedAt(), e.outcome(), e.outcomeAt(), e.deadlineSource(),
                        view.escalationDeadlines().stream().filter(d -> d.escalationId().equals(e.id()))
                                .map(d -> new EscalationDeadline(d.kind(), d.source(), d.dueDate(), d.atRiskFrom(),
                                        d.paused(), d.atRisk(), d.missed())).toList())).toList(),
                c.refund() == null ? null : new Refund(c.refund().refundId(), c.refund().progress().name(),
                        MoneyJson.of(c.refund().agreedAmount()), c.refund().dueDate(),
                        MoneyJson.of(c.refund().paidAmount()), MoneyJson.of(c.refund().settledAmount()),
                        c.refund().overdue()),
                c.hqEscalation(),
                view.sla().stream().map(r -> new Sla(r.clock(), r.state(), r.startedAt(), r.atRiskAt(), r.dueAt(), r.used(),
                        r.stoppedAt())).toList());
    }
}
