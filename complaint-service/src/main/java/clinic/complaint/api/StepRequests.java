package clinic.complaint.api;

import clinic.complaint.domain.AssessmentResult;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.EscalationBody;
import clinic.complaint.domain.EvidenceType;
import clinic.eventstore.domain.Money;
import clinic.complaint.domain.Party;
import clinic.complaint.domain.Remedy;
import clinic.complaint.domain.Severity;
import clinic.complaint.domain.Subject;
import clinic.complaint.domain.WaitReason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.UUID;

/** The bodies of {@code POST /complaints/{id}/<step>}. Who takes the step is the bearer token's subject. */
public final class StepRequests {

    private StepRequests() {
    }

    public record Assess(@NotNull Category category, @NotNull Severity severity, @NotNull Subject subject,
                         @NotNull LocalDate serviceDate, @NotBlank @Size(max = 100) String owner) {
    }

    public record CloseOutOfScope(@NotBlank @Size(max = 4000) String explanation) {
    }

    public record Wait(@NotNull WaitReason reason, @Size(max = 1000) String note) {
    }

    /** Evidence as the service recorded it: the content's SHA-256 and size. */
    public record AddEvidence(@NotNull EvidenceType type, @NotBlank @Size(max = 100) String suppliedBy,
                              @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be a SHA-256 in lowercase hex")
                              String sha256,
                              @PositiveOrZero @Max(20L * 1024 * 1024) long sizeBytes) {
    }

    public record RequestAssessment(@NotBlank @Size(max = 200) String assessor) {
    }

    public record RecordAssessment(@NotNull AssessmentResult result, @NotBlank @Size(max = 4000) String summary) {
    }

    public record ProposeRemedy(@NotNull Remedy remedy, @Valid MoneyJson amount, @Size(max = 4000) String note) {
        Money money() {
            return amount == null ? null : amount.toMoney("amount");
        }
    }

    public record CounterOffer(@NotNull Party party, @NotNull Remedy remedy, @Valid MoneyJson amount,
                               @Size(max = 4000) String reason) {
        Money money() {
            return amount == null ? null : amount.toMoney("amount");
        }
    }

    /**
     * {@code dueDate}: required for a remedy without money; for a refund or compensation it may be left out, and
     * refund-service dates the payment by its policy (goods 15 working days, services 7, per branch).
     */
    public record Agree(@NotNull Remedy remedy, @Valid MoneyJson amount, @NotBlank @Size(max = 200) String paymentMethod,
                        LocalDate dueDate) {
        Money money() {
            return amount == null ? null : amount.toMoney("amount");
        }
    }

    public record Resolve(@NotBlank @Size(max = 4000) String decision) {
    }

    public record Reason(@NotBlank @Size(max = 4000) String reason) {
    }

    public record Escalate(@NotNull EscalationBody body, @Size(max = 100) String referenceNumber, LocalDate deadline) {
    }

    public record EscalationOutcome(@NotNull UUID escalationId, @NotBlank @Size(max = 4000) String outcome) {
    }
}
