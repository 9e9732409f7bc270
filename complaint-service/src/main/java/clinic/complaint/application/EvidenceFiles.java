package clinic.complaint.application;

import clinic.complaint.application.ComplaintService.CaseView;
import clinic.complaint.application.ComplaintService.Caller;
import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.ComplaintCommand;
import clinic.complaint.domain.EvidenceType;
import clinic.eventstore.api.InvalidField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Evidence files kept by the service: stored encrypted with the customer's key in the transaction that records the
 * evidence on the case (with the content's SHA-256), and checked against that hash every time they are read. Only the
 * kinds of {@link EvidenceMediaTypes} are kept, told from the content; the type kept is the one detected.
 */
@ApplicationScoped
public class EvidenceFiles {

    /** The largest file kept: 20 MiB. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;

    /**
     * A file read back, verified.
     *
     * @param contentType an allowed type, or {@code application/octet-stream}
     * @param fileName    the evidence id with the type's extension
     */
    public record EvidenceFile(String contentType, byte[] content, String sha256, String fileName, String customerRef,
                               String branchId) {
    }

    private final ComplaintService complaints;
    private final PersonalDataVault vault;
    private final EntityManager em;
    private final Clock clock;

    public EvidenceFiles(ComplaintService complaints, PersonalDataVault vault, EntityManager em, Clock clock) {
        this.complaints = complaints;
        this.vault = vault;
        this.em = em;
        this.clock = clock;
    }

    /**
     * Records {@code content} as evidence of the case and keeps it.
     *
     * @param declaredType   the Content-Type the sender declared, or null: checked against the type detected from the
     *                       content, never kept
     * @param expectedSha256 the hash the sender computed, or null; a different hash means the upload was damaged
     * @throws UnsupportedContent if the content is not of an allowed type, or not of the type declared
     */
    public CaseView upload(UUID complaintId, EvidenceType type, String suppliedBy, String declaredType, byte[] content,
                           String expectedSha256, Caller caller) {
        if (content.length == 0) {
            throw new InvalidField("(body)", "the file is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidField("(body)", "the file has " + content.length + " bytes; at most " + MAX_BYTES + " are kept");
        }
        String sha256 = sha256(content);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256)) {
            throw new InvalidField("X-Content-SHA256", "the content received has SHA-256 " + sha256 + ", not " + expectedSha256);
        }
        String detected = EvidenceMediaTypes.detect(content);
        if (!EvidenceMediaTypes.isAllowed(detected)) {
            throw new UnsupportedContent("the content is " + detected + ", which is not kept as evidence; allowed: "
                    + String.join(", ", EvidenceMediaTypes.allowed()));
        }
        if (EvidenceMediaTypes.contradicts(declaredType, detected)) {
            throw new UnsupportedContent("the request declares " + EvidenceMediaTypes.describe(declaredType)
                    + " but the content is " + detected);
        }
        UUID evidenceId = UUID.randomUUID();
        return complaints.step(complaintId, null, caller,
                ctx -> new ComplaintCommand.AddEvidence(evidenceId, type, suppliedBy, sha256, content.length, caller.actor(),
                        ctx.now()),
                state -> em.createNativeQuery("""
                                insert into evidence_files (evidence_id, complaint_id, content_type, size_bytes, content_enc, stored_at)
                                values (?1, ?2, ?3, ?4, ?5, ?6)""")
                        .setParameter(1, evidenceId).setParameter(2, complaintId)
                        .setParameter(3, detected)
                        .setParameter(4, (long) content.length)
                        .setParameter(5, vault.encrypt(state.customerRef(), content))
                        .setParameter(6, clock.instant())
                        .executeUpdate());
    }

    /** The file as kept, after checking it against the hash the case recorded; to staff of the case's branch only. */
    public EvidenceFile read(UUID complaintId, UUID evidenceId, clinic.eventstore.security.BranchGuard guard) {
        Complaint c = complaints.get(complaintId).complaint();
        guard.requireWorksFor(c.branchId()); // evidence is personal data: only the branch handling the case reads it
        Complaint.Evidence recorded = c.evidence().stream().filter(e -> e.id().equals(evidenceId)).findFirst()
                .orElseThrow(() -> new EvidenceNotFound(evidenceId));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select content_type, content_enc from evidence_files where evidence_id = ?1 and complaint_id = ?2")
                .setParameter(1, evidenceId).setParameter(2, complaintId).getResultList();
        if (rows.isEmpty()) {
            throw new EvidenceNotFound(evidenceId); // recorded, but kept elsewhere (a paper contract, say)
        }
        byte[] content = vault.decrypt(c.customerRef(), (byte[]) rows.getFirst()[1])
                .orElseThrow(() -> new EvidenceErased(evidenceId));
        String actual = sha256(content);
        if (!actual.equals(recorded.sha256())) {
            throw new EvidenceCorrupted(evidenceId, recorded.sha256(), actual);
        }
        String served = EvidenceMediaTypes.servedType((String) rows.getFirst()[0]);
        return new EvidenceFile(served, content, actual, evidenceId + "." + EvidenceMediaTypes.extension(served),
                c.customerRef(), c.branchId());
    }

    static String sha256(byte[] content) {
        return clinic.eventstore.domain.Sha256.hex(content);
    }

    /** Content that is not kept as evidence: the message names the types (never anything of the content itself). */
    public static class UnsupportedContent extends RuntimeException {
        public UnsupportedContent(String reason) {
            super(reason);
        }
    }

    public static class EvidenceNotFound extends clinic.eventstore.api.NotFound {
        public EvidenceNotFound(UUID id) {
            super("evidence-not-found", "no evidence file " + id + " is kept by the service");
        }
    }

    public static class EvidenceErased extends RuntimeException {
        public EvidenceErased(UUID id) {
            super("evidence " + id + " belonged to a customer whose personal data was erased");
        }
    }

    public static class EvidenceCorrupted extends RuntimeException {
        public EvidenceCorrupted(UUID id, String recorded, String actual) {
            super("evidence " + id + " no longer matches its recorded SHA-256 (" + recorded + "); it reads as " + actual);
        }
    }
}
