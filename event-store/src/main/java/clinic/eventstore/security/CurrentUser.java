package clinic.eventstore.security;

import clinic.eventstore.api.Formats;
import clinic.eventstore.api.InvalidField;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who sends the request, from its bearer token: the subject (the actor every event records), the roles, and the
 * branches a branch role covers (the {@code branches} claim: a user attribute in Keycloak, fixed per branch system's
 * client). What they may see and do by branch:
 * <ul>
 *   <li>branch-staff and branch-manager: read and act on their own branches only, personal data whole;</li>
 *   <li>hq-analyst, hq-approver, operations, privacy-officer: read every branch, personal data masked; what else
 *       each may do is the {@code @RolesAllowed} of the operation.</li>
 * </ul>
 */
@RequestScoped
public class CurrentUser implements BranchGuard {

    public static final String BRANCHES_CLAIM = "branches";

    private final SecurityIdentity identity;
    /** The token's branches, read once per request (every row a list shows asks). */
    private Set<String> branches;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The token's subject: the actor of every event this request appends. */
    public String actor() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null && !jwt.getSubject().isBlank()) {
            return jwt.getSubject();
        }
        // every token of the realm has one; a token without names no one, and no event is written without an actor
        throw new io.quarkus.security.AuthenticationFailedException("the bearer token has no subject");
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    /** The branches a branch role of the caller covers (none for HQ, operations, privacy). */
    public Set<String> branches() {
        if (branches == null) {
            branches = identity.getPrincipal() instanceof JsonWebToken jwt && Roles.BRANCH_ROLES.stream().anyMatch(this::has)
                    ? claimValues(jwt.getClaim(BRANCHES_CLAIM)) : Set.of();
        }
        return branches;
    }

    /** HQ, operations and privacy read every branch. */
    public boolean readsEveryBranch() {
        return Roles.CHAIN_WIDE_READERS.stream().anyMatch(this::has);
    }

    /** A branch role over {@code branchId}: acts on its cases and sees its customers whole. */
    public boolean worksFor(String branchId) {
        return branchId != null && branches().contains(branchId);
    }

    public boolean mayRead(String branchId) {
        return readsEveryBranch() || worksFor(branchId);
    }

    /** Refuses (403) a read of another branch's data. */
    public void requireRead(String branchId) {
        if (!mayRead(branchId)) {
            throw new BranchForbidden("this is data of branch " + branchId + ", which your account does not cover");
        }
    }

    /** Refuses (403) a change to another branch's data. */
    @Override
    public void requireWorksFor(String branchId) {
        if (!worksFor(branchId)) {
            throw new BranchForbidden("only staff of branch " + branchId + " act on its cases");
        }
    }

    /**
     * The branches a list may show ({@code ListFilter.oneOf("branchId", ...)}): {@code requested} alone when the
     * caller may read it (a requested branch the caller may not read is refused), else every branch for HQ (null) or
     * the caller's own (none: an empty list). A blank {@code requested} is no request.
     */
    public List<String> listScope(String requested) {
        if (requested != null && !requested.isBlank()) {
            if (!requested.matches(Formats.BRANCH_CODE)) {
                throw new InvalidField("branch", "must be a branch code such as SH001");
            }
            requireRead(requested);
            return List.of(requested);
        }
        return readsEveryBranch() ? null : List.copyOf(branches());
    }

    /** Whether the caller sees this branch's customers' personal data whole (else masked, {@link PersonalDataMask}). */
    public boolean seesPersonalData(String branchId) {
        return worksFor(branchId);
    }

    private static Set<String> claimValues(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            array.forEach(v -> values.add(v instanceof JsonString s ? s.getString() : v.toString()));
        } else if (claim instanceof Collection<?> list) {
            list.forEach(v -> values.add(v instanceof JsonString s ? s.getString() : String.valueOf(v)));
        } else if (claim instanceof JsonString s) {
            values.add(s.getString());
        } else if (claim instanceof String s) {
            values.add(s);
        }
        values.removeIf(v -> v.isBlank());
        return Set.copyOf(values);
    }
}
