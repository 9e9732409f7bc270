package clinic.followup.domain;

import java.time.Instant;
import java.util.UUID;

/** A case's one satisfaction survey as its events made it; {@code token} is the secret of its link. */
public record Survey(UUID id, UUID complaintId, String branchId, String customerRef, String token, SurveyStatus status,
                     Instant sendAt, Instant expiresAt, Integer csat, Integer nps) {

    public static final Survey NONE = new Survey(null, null, null, null, null, SurveyStatus.NONE, null, null, null, null);

    Survey with(SurveyStatus status, Instant sendAt, Instant expiresAt, Integer csat, Integer nps) {
        return new Survey(id, complaintId, branchId, customerRef, token, status, sendAt, expiresAt, csat, nps);
    }
}
