package clinic.followup.api;

import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.api.CommandHeaders;
import clinic.followup.application.ContactPreferences;
import clinic.followup.application.FollowUpScheduling;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;

/** A customer's wish not to be contacted: it cancels their open calls and unsent surveys, and stops new ones. */
@Path("/customers/{ref}/contact-preference")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers", description = "Whether a customer may be contacted")
@RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.PRIVACY_OFFICER}) // who hears the customer's wish
public class CustomerContactResource {

    public record ContactPreference(@NotNull Boolean doNotContact) {
    }

    public record ContactPreferenceResponse(String customerRef, boolean doNotContact, int cancelled) {
    }

    private final ContactPreferences preferences;
    private final FollowUpScheduling scheduling;
    private final Clock clock;
    private final CurrentUser user;

    public CustomerContactResource(ContactPreferences preferences, FollowUpScheduling scheduling, Clock clock,
                                   CurrentUser user) {
        this.user = user;
        this.preferences = preferences;
        this.scheduling = scheduling;
        this.clock = clock;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setContactPreference",
            summary = "Record whether the customer may be contacted; doNotContact cancels open calls and unsent surveys. "
            + "Branch staff record the wish; lifting it again is the privacy officer's (403 otherwise)")
    @Parameter(name = CommandHeaders.IF_MATCH, in = ParameterIn.HEADER, hidden = true) // only steps read it
    public ContactPreferenceResponse set(@PathParam("ref") @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String ref,
                                         @NotNull @Valid ContactPreference body, @BeanParam @Valid CommandHeaders h) {
        if (!body.doNotContact() && !user.has(Roles.PRIVACY_OFFICER) && preferences.doNotContact(ref)) {
            // any branch records a customer's "do not contact me"; taking it back is consent, for the privacy officer
            throw new clinic.eventstore.security.RoleRequired("only a privacy officer lifts a customer's wish not to be "
                    + "contacted");
        }
        Instant now = clock.instant();
        preferences.set(ref, body.doNotContact(), user.actor(), now);
        int cancelled = body.doNotContact()
                ? scheduling.doNotContact(ref, now, new EventMetadata(null, user.actor(), h.correlation(), null)) : 0;
        return new ContactPreferenceResponse(ref, body.doNotContact(), cancelled);
    }

    @GET
    @Operation(operationId = "getContactPreference", summary = "Whether the customer may be contacted")
    public ContactPreferenceResponse get(@PathParam("ref") @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String ref) {
        return new ContactPreferenceResponse(ref, preferences.doNotContact(ref), 0);
    }
}
