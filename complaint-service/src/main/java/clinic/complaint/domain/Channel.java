package clinic.complaint.domain;

/** How the complaint reached the clinic. */
public enum Channel {
    FRONT_DESK,
    PHONE_HOTLINE,
    EMAIL_LETTER,
    WEBSITE,
    LIVESTREAM_PLATFORM,
    SOCIAL_MEDIA,
    CONSUMER_ASSOCIATION_REFERRAL,
    REGULATOR_REFERRAL
}
