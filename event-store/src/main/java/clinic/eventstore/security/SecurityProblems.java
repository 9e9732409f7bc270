package clinic.eventstore.security;

import clinic.eventstore.api.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem details, like every other refusal. Authentication is not proactive
 * ({@code quarkus.http.auth.proactive=false}) so that a refused token reaches these mappers rather than ending as a bare
 * status. The detail never says why a token was refused beyond what a client can act on.
 */
public class SecurityProblems {

    static final String CHALLENGE = "Bearer realm=\"clinic\"";

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized("a bearer token of the chain's identity provider is required (Authorization: Bearer ...)");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized("the bearer token was refused: expired, not signed by the chain's identity provider, or "
                + "issued for another issuer or audience; get a new one");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(Response.Status.FORBIDDEN, "forbidden", e instanceof RoleRequired ? e.getMessage()
                : "your roles do not allow this operation (its roles are in the OpenAPI document)").toResponse();
    }

    @ServerExceptionMapper
    public Response otherBranch(BranchForbidden e) {
        return Problem.of(Response.Status.FORBIDDEN, "other-branch", e.getMessage()).toResponse();
    }

    private static Response unauthorized(String detail) {
        Response problem = Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail).toResponse();
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }
}
