package clinic.complaint.domain;

import clinic.complaint.domain.Complaint.Escalation;
import clinic.complaint.domain.Complaint.EscalationWarning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who else is on the case: the external escalations (in the order they were made) with the deadline warnings raised
 * on them, and the reason it was escalated to HQ (the latest; null: never).
 */
public record Escalations(List<Escalation> external, List<EscalationWarning> warnings, String hq) {

    /** Never escalated. */
    static final Escalations NONE = new Escalations(List.of(), List.of(), null);

    public Escalations {
        external = List.copyOf(external);
        warnings = List.copyOf(warnings);
    }

    public boolean anyOpen() {
        return external.stream().anyMatch(Escalation::open);
    }

    public boolean warningRaised(UUID escalationId, EscalationNorms.DeadlineKind kind,
                                 EscalationNorms.WarningLevel level) {
        return warnings.stream()
                .anyMatch(w -> w.escalationId().equals(escalationId) && w.kind() == kind && w.level() == level);
    }

    Escalations withExternal(Escalation made) {
        return new Escalations(Complaint.appended(external, made), warnings, hq);
    }

    Escalations withOutcome(UUID escalationId, String outcome, Instant at) {
        return new Escalations(external.stream().map(x -> x.id().equals(escalationId)
                ? new Escalation(x.id(), x.body(), x.referenceNumber(), x.deadline(), x.escalatedAt(), outcome, at,
                x.deadlineSource())
                : x).toList(), warnings, hq);
    }

    Escalations withWarning(EscalationWarning raised) {
        return new Escalations(external, Complaint.appended(warnings, raised), hq);
    }

    Escalations toHq(String reason) {
        return new Escalations(external, warnings, reason);
    }
}
