package clinic.eventstore.security;

import io.quarkus.security.ForbiddenException;

/**
 * An operation the caller's roles allow only in part (a branch records a customer's opt-out; only a privacy officer
 * lifts it): 403 problem details ({@code urn:clinic:problem:forbidden}) with what is needed.
 */
public class RoleRequired extends ForbiddenException {

    public RoleRequired(String detail) {
        super(detail);
    }
}
