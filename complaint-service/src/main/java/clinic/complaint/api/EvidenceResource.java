package clinic.complaint.api;

import clinic.complaint.application.EvidenceFiles;
import clinic.complaint.application.PersonalDataReads;
import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import clinic.complaint.domain.EvidenceType;
import clinic.eventstore.api.CommandHeaders;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * Evidence files of a case: uploaded as the request body (up to 20 MiB; photos, PDF, video, audio, told from the
 * content), downloaded verified against their hash, as an attachment that a browser never renders in the API's origin.
 */
@Path("/complaints/{id}/evidence")
@Tag(name = "Complaints", description = ComplaintResource.TAG)
@RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER}) // personal data: staff of the case's branch only
public class EvidenceResource {

    private final EvidenceFiles files;
    private final CurrentUser user;
    private final PersonalDataReads reads;
    private final CaseResponses responses;
    @Context
    ResourceInfo operation;

    public EvidenceResource(EvidenceFiles files, CurrentUser user, PersonalDataReads reads, CaseResponses responses) {
        this.files = files;
        this.user = user;
        this.reads = reads;
        this.responses = responses;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadComplaintEvidence",
            summary = "Upload a piece of evidence (photo, video, certificate, receipt...) as the request body; "
            + "the service keeps it encrypted and records its SHA-256 on the case. X-Content-SHA256 is checked if sent. "
            + "The type is read from the content: JPEG, PNG, GIF, WebP, HEIC/HEIF, PDF, MP4, QuickTime, WebM, MP3, "
            + "M4A/AAC, WAV, Ogg, AMR; anything else, or content of another type than the Content-Type sent, is a 415.")
    @APIResponse(responseCode = "201", description = "The evidence, recorded on the case (Location: its download)",
            content = @Content(schema = @Schema(implementation = ComplaintResponse.class)))
    @Parameter(name = CommandHeaders.IF_MATCH, in = ParameterIn.HEADER, hidden = true) // only steps read it
    public Response upload(@PathParam("id") UUID id, @QueryParam("type") String type,
                           @QueryParam("suppliedBy") @Size(max = 100) String suppliedBy,
                           @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("X-Content-SHA256") String expectedSha256,
                           @BeanParam @Valid CommandHeaders headers,
                           byte[] content) {
        EvidenceType evidenceType = InvalidField.enumValue("type", EvidenceType.class, type);
        if (evidenceType == null) {
            throw new InvalidField("type", "is required: one of " + java.util.Arrays.toString(EvidenceType.values()));
        }
        if (suppliedBy == null || suppliedBy.isBlank()) {
            throw new InvalidField("suppliedBy", "is required (customer, clinic, assessor, ...)");
        }
        var view = files.upload(id, evidenceType, suppliedBy, contentType, content == null ? new byte[0] : content,
                expectedSha256, ComplaintResource.caller(headers, user));
        var added = view.complaint().evidence().getLast();
        return Response.status(Response.Status.CREATED)
                .location(java.net.URI.create("/complaints/" + id + "/evidence/" + added.id()))
                .entity(responses.show(view, operation)).build();
    }

    @GET
    @Path("/{evidenceId}")
    @Operation(operationId = "downloadComplaintEvidence",
            summary = "Download a piece of evidence, checked against the SHA-256 the case recorded, as an attachment")
    @APIResponse(responseCode = "200", description = "The file, in its own type, as an attachment",
            content = @Content(mediaType = MediaType.WILDCARD))
    @APIResponse(responseCode = "410", description = "The evidence was erased with the customer's personal data",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response download(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        EvidenceFiles.EvidenceFile file = files.read(id, evidenceId, user);
        reads.record(user.actor(), file.customerRef(), id, file.branchId(), CaseResponses.operationId(operation));
        // personal data from outside: saved, never rendered in this origin, never sniffed, never cached
        return Response.ok(file.content(), file.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cache-Control", "private, no-store")
                .header("X-Content-SHA256", file.sha256())
                .build();
    }

    @ServerExceptionMapper
    public Response unsupported(EvidenceFiles.UnsupportedContent e) {
        return Problem.of(415, "unsupported-media-type", "(body): " + e.getMessage(), "(body)", e.getMessage())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response erased(EvidenceFiles.EvidenceErased e) {
        return Problem.of(Response.Status.GONE, "evidence-erased", e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response corrupted(EvidenceFiles.EvidenceCorrupted e) {
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "evidence-corrupted", e.getMessage()).toResponse();
    }
}
