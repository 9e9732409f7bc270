package clinic.refund.domain.purchase;

import clinic.eventstore.domain.Money;
import clinic.refund.domain.entitlement.Payment;

/** How part of an order was paid; instalments name their financing partner. */
public record PurchasePayment(Payment.Instrument instrument, Money amount, String financingPartner) {
}
