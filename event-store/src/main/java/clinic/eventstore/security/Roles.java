package clinic.eventstore.security;

import java.util.Set;

/**
 * The roles of the chain's identity provider (realm roles in Keycloak, carried in the token's {@code groups} claim), as
 * the services' {@code @RolesAllowed} name them. Which branches a branch role covers is the token's {@code branches}
 * claim ({@link CurrentUser}).
 */
public final class Roles {

    /** Works the cases of their own branches; a branch system (an OAuth2 client of its branch) has this role too. */
    public static final String BRANCH_STAFF = "branch-staff";
    /** Branch staff who also lead the branch: the same access, their own branches only. */
    public static final String BRANCH_MANAGER = "branch-manager";
    /** Reads every branch, personal data masked; changes nothing. */
    public static final String HQ_ANALYST = "hq-analyst";
    /** Reads every branch like an analyst; approves refund agreements above a branch's threshold, overrides assessments. */
    public static final String HQ_APPROVER = "hq-approver";
    /** Reads every branch (masked), rebuilds read models, replays history. */
    public static final String OPERATIONS = "operations";
    /** Erases a customer's personal data, lists who read it unmasked. */
    public static final String PRIVACY_OFFICER = "privacy-officer";

    static final Set<String> BRANCH_ROLES = Set.of(BRANCH_STAFF, BRANCH_MANAGER);
    static final Set<String> CHAIN_WIDE_READERS = Set.of(HQ_ANALYST, HQ_APPROVER, OPERATIONS, PRIVACY_OFFICER);

    private Roles() {
    }
}
