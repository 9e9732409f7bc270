package clinic.refund.domain.entitlement;

import clinic.eventstore.domain.Money;

/** Something the customer bought, with what was paid for it. */
public sealed interface Item {

    String name();

    Money paid();

    /** A single treatment, done or not. */
    record Treatment(String name, Money paid, boolean performed) implements Item {
    }

    /** A package of paid sessions plus gifted ones, some used. */
    record SessionPackage(String name, Money paid, int sessions, int giftedSessions, int sessionsUsed) implements Item {
        public SessionPackage {
            if (sessions <= 0 || giftedSessions < 0 || sessionsUsed < 0 || sessionsUsed > (long) sessions + giftedSessions) {
                throw new IllegalArgumentException("a package of " + sessions + "+" + giftedSessions
                        + " sessions cannot have " + sessionsUsed + " used");
            }
        }
    }

    /** A prepaid card or membership balance: principal paid, gifted credit on top, consumption at list price. */
    record PrepaidBalance(String name, Money paid, Money giftedCredit, Money consumedAtListPrice) implements Item {
    }

    /** A product, returned or kept. */
    record Product(String name, Money paid, boolean returned) implements Item {
    }
}
