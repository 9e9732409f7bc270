package clinic.complaint.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a case. Stored and published under the type names of
 * {@code clinic.complaint.application.ComplaintEventTypes}. No personal data: the customer is a reference.
 */
public sealed interface ComplaintEvent {

    record ComplaintFiled(UUID complaintId, String caseNumber, String branchId, String customerRef, Channel channel,
                          Category category, Remedy requestedRemedy, Money amountPaid, Instant filedAt)
            implements ComplaintEvent {
    }

    record ComplaintAcknowledged(UUID complaintId, String acknowledgedBy, Instant acknowledgedAt)
            implements ComplaintEvent {
    }
}
