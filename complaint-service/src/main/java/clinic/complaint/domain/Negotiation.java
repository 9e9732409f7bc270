package clinic.complaint.domain;

import clinic.eventstore.domain.Money;

import clinic.complaint.domain.Complaint.Agreement;
import clinic.complaint.domain.Complaint.Offer;

import java.time.LocalDate;
import java.util.List;

/** The remedy negotiated: the offers and counter-offers in the order they were made, and the agreement reached. */
public record Negotiation(List<Offer> offers, Agreement agreement) {

    /** Nothing offered yet. */
    static final Negotiation NONE = new Negotiation(List.of(), null);

    public Negotiation {
        offers = List.copyOf(offers);
    }

    Negotiation withOffer(Offer made) {
        return new Negotiation(Complaint.appended(offers, made), agreement);
    }

    Negotiation withAgreement(Agreement reached) {
        return new Negotiation(offers, reached);
    }

    /**
     * A money agreement reached without a due date (refund-service's policy dates it) takes the due date of the refund
     * agreed for the same amount; any other agreement stays as it is.
     */
    Negotiation datedByRefund(Money refundAmount, LocalDate refundDueDate) {
        Agreement a = agreement;
        if (a != null && a.dueDate() == null && a.amount() != null && a.amount().equals(refundAmount)) {
            return withAgreement(new Agreement(a.remedy(), a.amount(), a.paymentMethod(), refundDueDate, a.agreedAt()));
        }
        return this;
    }
}
