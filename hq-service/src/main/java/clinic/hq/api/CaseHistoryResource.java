package clinic.hq.api;

import clinic.eventstore.security.Roles;
import clinic.hq.application.CaseHistory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.UUID;

/** The operations team's view of one case across the services: every event, in order (the page is /hq/case.html). */
@Path("/operations/cases")
@RolesAllowed(Roles.OPERATIONS)
public class CaseHistoryResource {

    private final CaseHistory history;

    public CaseHistoryResource(CaseHistory history) {
        this.history = history;
    }

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getCaseHistory", summary = "Operations: one case's events from every service (complaint, "
            + "refund case, purchases, follow-up tasks, survey), in order, with actor, correlation and causation")
    public CaseHistory.Story history(@PathParam("id") UUID id,
                                     @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return history.of(id, authorization);
    }

    /** complaint-service refused or could not be asked: its refusal of the caller as it was, anything else a 502. */
    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public jakarta.ws.rs.core.Response refused(CaseHistory.ServiceRefused e) {
        int status = e.status == 401 || e.status == 403 ? e.status : 502;
        return clinic.eventstore.api.Problem.of(status,
                status == 502 ? "upstream-failed" : status == 401 ? "unauthorized" : "forbidden",
                e.getMessage(), null, null).toResponse();
    }
}
