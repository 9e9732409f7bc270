package clinic.followup.domain;

/** The kind of product sold (from the purchase facts): it decides the days of its follow-up calls. */
public enum ProductLine { GENERAL, THERAPEUTIC, BRAND }
