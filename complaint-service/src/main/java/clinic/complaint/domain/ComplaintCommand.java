package clinic.complaint.domain;

import java.time.Instant;
import java.util.UUID;

/** What a user or a branch system asks of a case. Every command carries the time it happens at. */
public sealed interface ComplaintCommand {

    Instant at();

    /** The step's name as the API and error messages use it. */
    String step();

    record FileComplaint(UUID complaintId, String caseNumber, String branchId, String customerRef, Channel channel,
                         Category category, Remedy requestedRemedy, Money amountPaid, Instant at)
            implements ComplaintCommand {
        public String step() {
            return "file";
        }
    }

    record AcknowledgeComplaint(String acknowledgedBy, Instant at) implements ComplaintCommand {
        public String step() {
            return "acknowledge";
        }
    }
}
