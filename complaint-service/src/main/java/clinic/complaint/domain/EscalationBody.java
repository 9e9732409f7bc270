package clinic.complaint.domain;

/** Where a complaint was taken outside the clinic. */
public enum EscalationBody {
    CONSUMER_ASSOCIATION,
    MARKET_REGULATOR_12315,
    HEALTH_SUPERVISION,
    PEOPLES_MEDIATION,
    LAWYER_OR_COURT,
    SOCIAL_MEDIA
}
