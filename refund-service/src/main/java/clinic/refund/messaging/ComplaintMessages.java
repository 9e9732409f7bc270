package clinic.refund.messaging;

import clinic.eventstore.inbox.MalformedMessage;
import clinic.eventstore.domain.Money;
import clinic.refund.domain.RefundCommand;
import clinic.refund.domain.RefundRemedy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * The fields of complaint-service's events this service reads besides the filing ({@link ComplaintFiledMessage}); the
 * rest of each payload is ignored.
 */
final class ComplaintMessages {

    private ComplaintMessages() {
    }

    /** {@code complaint.assessed.v1}: whether the complaint is about a service or a product sold. */
    record Assessed(UUID complaintId, String subject) {
        Assessed {
            Objects.requireNonNull(complaintId, "complaintId is required");
            if (!"SERVICE".equals(subject) && !"PRODUCT".equals(subject)) {
                throw new MalformedMessage("complaint " + complaintId + ": subject must be SERVICE or PRODUCT");
            }
        }
    }

    /** {@code complaint.withdrawn.v1}, {@code complaint.closed-out-of-scope.v1}: which complaint ended. */
    record Ended(UUID complaintId) {
        Ended {
            Objects.requireNonNull(complaintId, "complaintId is required");
        }
    }

    /** {@code complaint.third-party-assessment-recorded.v1}: the finding (never the summary: it may be medical). */
    record AssessmentRecorded(UUID complaintId, String assessor, String result, java.time.Instant recordedAt) {
        AssessmentRecorded {
            Objects.requireNonNull(complaintId, "complaintId is required");
            Objects.requireNonNull(result, "result is required");
            Objects.requireNonNull(recordedAt, "recordedAt is required");
            if (assessor != null && assessor.length() > 200) {
                throw new MalformedMessage("complaint " + complaintId + ": assessor is at most 200 characters");
            }
        }
    }

    /**
     * {@code complaint.remedy-proposed.v1}, {@code complaint.counter-offer-made.v1} and
     * {@code complaint.agreement-reached.v1}: a remedy, its amount and the round's particulars; {@code refundId} set on
     * an agreement the complaint took from this service's refund case (nothing to do: it is the case's already).
     */
    record Remedy(UUID complaintId, String remedy, Amount amount, String party, String note, String reason,
                  String paymentMethod, LocalDate dueDate, String proposedBy, String by, String recordedBy,
                  UUID refundId) {
        Remedy {
            Objects.requireNonNull(complaintId, "complaintId is required");
            Objects.requireNonNull(remedy, "remedy is required");
            if (remedy.length() > 40 || (paymentMethod != null && paymentMethod.length() > 200)
                    || (party != null && !party.equals("CUSTOMER") && !party.equals("CLINIC"))
                    || longerThan(100, proposedBy, by, recordedBy)) {
                throw new MalformedMessage("complaint " + complaintId + ": remedy at most 40 characters, paymentMethod "
                        + "at most 200, party CUSTOMER or CLINIC, the actor at most 100");
            }
        }

        private static boolean longerThan(int max, String... values) {
            for (String v : values) {
                if (v != null && v.length() > max) {
                    return true;
                }
            }
            return false;
        }

        /** The refund remedy the complaint's remedy is, or null for one without money (correction, apology...). */
        RefundRemedy refundRemedy() {
            return switch (remedy) {
                case "FULL_REFUND" -> RefundRemedy.FULL_REFUND;
                case "PARTIAL_REFUND" -> RefundRemedy.PARTIAL_REFUND;
                case "COMPENSATION" -> RefundRemedy.COMPENSATION;
                default -> null;
            };
        }

        Money money() {
            if (amount == null || amount.minorUnits() == null || amount.currency() == null) {
                throw new MalformedMessage("complaint " + complaintId + ": a " + remedy
                        + " needs amount {minorUnits, currency}");
            }
            if (amount.minorUnits() <= 0 || amount.minorUnits() > clinic.refund.domain.entitlement.EntitlementCalculator.MAX_AMOUNT_MINOR) {
                throw new MalformedMessage("complaint " + complaintId + ": a " + remedy + " is a positive amount of at "
                        + "most " + clinic.refund.domain.entitlement.EntitlementCalculator.MAX_AMOUNT_MINOR + " minor units");
            }
            try {
                return new Money(amount.minorUnits(), amount.currency());
            } catch (IllegalArgumentException e) {
                throw new MalformedMessage("complaint " + complaintId + ": amount " + e.getMessage());
            }
        }

        RefundCommand.Party refundParty() {
            return "CUSTOMER".equals(party) ? RefundCommand.Party.CUSTOMER : RefundCommand.Party.CLINIC;
        }

        /** Who made the round or recorded the agreement on the complaint. */
        String actor() {
            return recordedBy != null ? recordedBy : proposedBy != null ? proposedBy : by;
        }
    }

    record Amount(Long minorUnits, String currency) {
    }
}
