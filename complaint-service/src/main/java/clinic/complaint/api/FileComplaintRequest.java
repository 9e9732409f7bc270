package clinic.complaint.api;

import clinic.complaint.domain.Category;
import clinic.complaint.domain.Channel;
import clinic.complaint.domain.Remedy;
import clinic.eventstore.api.Formats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /complaints}: a complaint as a branch system or staff member reports it. */
public record FileComplaintRequest(
        @NotBlank @Pattern(regexp = Formats.BRANCH_CODE, message = "must be a branch code such as SH001")
        String branchId,
        @NotNull @Valid Customer customer,
        @NotNull Channel channel,
        @NotNull Category category,
        @NotBlank @Size(max = 8000) String description,
        @NotNull Remedy requestedRemedy,
        @NotNull @Valid MoneyJson amountPaid) {

    /** Who complains. Only {@code ref} enters the case's events; name and phone stay in the service. */
    public record Customer(
            @NotBlank @Size(max = 64) @Pattern(regexp = Formats.REFERENCE, message = "must be a reference, not a name")
            String ref,
            @NotBlank @Size(max = 100) String name,
            @Pattern(regexp = "\\+?[0-9 -]{5,20}", message = "must be a phone number") String phone,
            @Pattern(regexp = "[0-9A-Za-z]{6,20}", message = "must be an identity document number") String idNumber) {
    }
}
