package clinic.refund.domain.entitlement;

import clinic.eventstore.domain.Money;

/** One itemised handling fee of a personal-reason cancellation. */
public record HandlingFee(Kind kind, String description, Money amount) {

    public enum Kind {
        /** Consultation, tests, materials already prepared. */
        SERVICE_COST_INCURRED,
        ADMINISTRATION,
        /** The reserved slot that can no longer be given to someone else. */
        LOST_SLOT
    }
}
