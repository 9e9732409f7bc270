package clinic.refund.domain.purchase;

/** The kind of product a product line is: it decides when follow-up calls about it are made. */
public enum ProductLine { GENERAL, THERAPEUTIC, BRAND }
