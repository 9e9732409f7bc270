package clinic.complaint.domain;

/**
 * Where a complaint was taken outside the clinic. Stored in events by name: a value keeps its name and meaning once
 * added. The public deadlines that come with some of them are in {@link EscalationNorms}.
 */
public enum EscalationBody {
    CONSUMER_ASSOCIATION,
    /** A complaint to the market regulator, through the 12315 hotline or platform. */
    MARKET_REGULATOR_12315,
    HEALTH_SUPERVISION,
    /** People's mediation (here: of a medical dispute, by the medical-dispute mediation committee). */
    PEOPLES_MEDIATION,
    LAWYER_OR_COURT,
    SOCIAL_MEDIA,
    /** 12315's online dispute resolution (ODR): the platform hands the dispute to the company to settle itself. */
    ONLINE_DISPUTE_12315
}
