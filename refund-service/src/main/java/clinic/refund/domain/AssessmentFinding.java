package clinic.refund.domain;

/**
 * What the third-party professional assessment recorded on the complaint found about the clinic, and what it does to
 * the refund:
 * <ul>
 *   <li>{@link #AT_FAULT}: the entitlement is the full refund of what was paid for the items (reason
 *       {@code RESULT_AT_FAULT}), taken from the assessment, not chosen by the reviewer;</li>
 *   <li>{@link #NOT_AT_FAULT}: the clinic offers and agrees neither a full refund nor compensation, unless HQ overrides
 *       the finding with a recorded reason; the {@code RESULT_AT_FAULT} reason is refused;</li>
 *   <li>{@link #INCONCLUSIVE}: binds nothing. Any remedy may be offered and the reviewer chooses the entitlement's
 *       reason, except {@code RESULT_AT_FAULT}, which only an at-fault finding gives.</li>
 * </ul>
 */
public enum AssessmentFinding {
    AT_FAULT,
    NOT_AT_FAULT,
    INCONCLUSIVE
}
