package clinic.refund.domain.entitlement;

import clinic.eventstore.domain.Money;

/**
 * How part of the price was paid. For instalments through a financing partner, {@code instalmentsPaid} is what the
 * customer has already repaid to the partner.
 */
public record Payment(Instrument instrument, Money amount, String financingPartner, Money instalmentsPaid) {

    public enum Instrument {
        CASH,
        CARD,
        /** Paid from an existing prepaid balance: goes back to that balance. */
        PREPAID_BALANCE,
        COUPON,
        POINTS,
        INSTALMENTS
    }

    public static Payment of(Instrument instrument, Money amount) {
        return new Payment(instrument, amount, null, null);
    }
}
