package clinic.complaint.api;

import clinic.complaint.projection.ComplaintListRow;

import java.time.Instant;
import java.util.UUID;

/**
 * A case in a list: enough to sort, filter and open it; no personal data. {@code escalatedExternally}: at least one
 * external escalation recorded; {@code escalatedToHq}: the case was sent to HQ.
 */
public record ComplaintSummary(UUID id, String caseNumber, String branchId, String status, String category,
                               String channel, String severity, String owner, String requestedRemedy,
                               MoneyJson amountPaid, String waitingOn, String slaState, int openEscalations, int reopenCount,
                               Instant filedAt, Instant acknowledgedAt, Instant resolvedAt, Instant closedAt,
                               long version, boolean escalatedExternally, boolean escalatedToHq) {

    static ComplaintSummary of(ComplaintListRow r) {
        return new ComplaintSummary(r.id, r.caseNumber, r.branchId, r.status, r.category, r.channel, r.severity,
                r.owner, r.requestedRemedy, MoneyJson.of(new clinic.eventstore.domain.Money(r.amountPaidMinor, r.currency)),
                r.waitingOn, r.slaState, r.openEscalations, r.reopenCount, r.filedAt, r.acknowledgedAt, r.resolvedAt, r.closedAt,
                r.version, r.escalatedExternally, r.escalatedToHq);
    }
}
