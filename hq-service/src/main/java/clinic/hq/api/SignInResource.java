package clinic.hq.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where the dashboard sends a browser to sign in: the chain's identity provider and the dashboard's public client
 * (authorization code with PKCE). Open to all: the page needs it before it has a token, and it tells nothing secret.
 */
@Path("/insights/sign-in")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Insights")
@PermitAll
public class SignInResource {

    public record SignIn(String issuer, String clientId) {
    }

    private final SignIn signIn;

    public SignInResource(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                          @ConfigProperty(name = "hq.dashboard.client-id", defaultValue = "clinic-hq-dashboard")
                          String clientId) {
        this.signIn = new SignIn(issuer, clientId);
    }

    @GET
    @Operation(operationId = "getSignIn", summary = "The identity provider and client the dashboard signs in with")
    public SignIn signIn() {
        return signIn;
    }
}
