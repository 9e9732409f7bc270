package clinic.complaint.api;

import clinic.complaint.application.PersonalDataReads;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.ListFilter;
import clinic.eventstore.api.Paging;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The record of who read customers' personal data unmasked, for the privacy officer (PIPL audits and requests). */
@Path("/personal-data-reads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers", description = "A customer's rights over their personal data")
@RolesAllowed(Roles.PRIVACY_OFFICER)
public class PersonalDataReadResource {

    /** One read: who was shown which customer's personal data, when, in which case, through which operation. */
    public record ReadJson(Instant readAt, String actor, String customerRef, UUID complaintId, String branchId,
                           String operation) {
    }

    public record ReadPage(List<ReadJson> items, int page, int size, long total) {
    }

    private final PersonalDataReads reads;

    public PersonalDataReadResource(PersonalDataReads reads) {
        this.reads = reads;
    }

    @GET
    @Operation(operationId = "listPersonalDataReads",
            summary = "Privacy officer: every unmasked read of a customer's personal data, newest first, by customer, "
            + "reader, case and time")
    public ReadPage list(@QueryParam("customerRef") @Size(max = 64) String customerRef,
                         @QueryParam("actor") @Size(max = 200) String actor,
                         @QueryParam("complaintId") String complaintId,
                         @QueryParam("from") String from, @QueryParam("to") String to, @BeanParam Paging paging) {
        var page = reads.list(customerRef, actor, complaintId == null ? null : InvalidField.uuid("complaintId", complaintId),
                ListFilter.instant("from", from), ListFilter.instant("to", to), paging.index(), paging.size());
        return new ReadPage(page.items().stream().map(r -> new ReadJson(r.readAt, r.actor, r.customerRef, r.complaintId,
                r.branchId, r.operation)).toList(), paging.index(), paging.size(), page.total());
    }
}
