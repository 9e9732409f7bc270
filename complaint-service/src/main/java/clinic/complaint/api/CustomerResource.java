package clinic.complaint.api;

import clinic.complaint.application.ComplaintService;
import clinic.eventstore.api.CommandHeaders;
import clinic.eventstore.api.Problem;
import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** A customer's rights over their personal data (PIPL): erasure. */
@Path("/customers")
@Tag(name = "Customers", description = "A customer's rights over their personal data")
@RolesAllowed(Roles.PRIVACY_OFFICER)
public class CustomerResource {

    private final ComplaintService complaints;
    private final CurrentUser user;

    public CustomerResource(ComplaintService complaints, CurrentUser user) {
        this.complaints = complaints;
        this.user = user;
    }

    @DELETE
    @Path("/{ref}/personal-data")
    @Operation(operationId = "eraseCustomerPersonalData",
            summary = "Privacy officer: erase a customer's personal data (name, phone, ID number, descriptions) from every case; "
            + "the cases and their history stay, shown as erased")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", ref = "NotFound") // no personal data of the customer is held
    @Parameter(name = CommandHeaders.IF_MATCH, in = ParameterIn.HEADER, hidden = true) // only steps read it
    public Response erase(@PathParam("ref") @Size(max = 64) String ref, @BeanParam @Valid CommandHeaders headers) {
        if (!complaints.erase(ref, ComplaintResource.caller(headers, user))) {
            return Problem.of(Response.Status.NOT_FOUND, "customer-not-found",
                    "no personal data of customer " + ref + " is held").toResponse();
        }
        return Response.noContent().build();
    }
}
