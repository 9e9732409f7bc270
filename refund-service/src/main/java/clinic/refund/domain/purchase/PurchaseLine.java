package clinic.refund.domain.purchase;

import clinic.eventstore.domain.Money;

/**
 * One line of an order: what was sold, at what list price, and what was actually paid for it.
 *
 * @param lineId         the branch system's id of the line, unique in its order
 * @param productLine    for a product: general, therapeutic or brand (null for services)
 * @param sessions       for a package: the paid sessions (0 otherwise)
 * @param giftedSessions for a package: the gifted sessions on top (0 otherwise)
 * @param giftedCredit   for a prepaid balance: the credit given on top of what was paid (null otherwise)
 */
public record PurchaseLine(String lineId, ItemKind kind, String name, ProductLine productLine, Money listPrice,
                           Money paid, int sessions, int giftedSessions, Money giftedCredit) {
}
