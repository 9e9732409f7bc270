package clinic.followup.api;

import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.Problem;
import clinic.followup.projection.FollowUpTaskRow;
import clinic.followup.projection.FollowUpTasksProjection;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Follow-up tasks over HTTP. */
@Path("/followups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Follow-ups")
public class FollowUpResource {

    private final FollowUpTasksProjection projection;

    public FollowUpResource(FollowUpTasksProjection projection) {
        this.projection = projection;
    }

    @GET
    @Operation(summary = "Follow-up tasks of a complaint, or a branch's queue, earliest due first")
    public List<FollowUpResponse> list(@QueryParam("complaintId") String complaintId, @QueryParam("branch") String branch) {
        if (complaintId == null && branch == null) {
            throw new InvalidField("complaintId", "give complaintId or branch");
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (complaintId != null) {
            query.append(" and complaintId = :complaintId");
            params.and("complaintId", InvalidField.uuid("complaintId", complaintId));
        }
        if (branch != null) {
            query.append(" and branchId = :branch");
            params.and("branch", branch);
        }
        return FollowUpTaskRow.<FollowUpTaskRow>list(query.toString(), Sort.by("dueAt"), params).stream()
                .map(FollowUpResponse::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One follow-up task")
    public Response get(@PathParam("id") UUID id) {
        FollowUpTaskRow row = FollowUpTaskRow.findById(id);
        if (row == null) {
            return Problem.of(Response.Status.NOT_FOUND, "followup-not-found", "no follow-up task " + id).toResponse();
        }
        return Response.ok(FollowUpResponse.of(row)).build();
    }

    @POST
    @Path("/read-model/rebuild")
    @Operation(summary = "Operations: rebuild the task list from the event store (after a fix to the projection)")
    public Map<String, Long> rebuild() {
        return Map.of("eventsReplayed", projection.rebuild());
    }
}
