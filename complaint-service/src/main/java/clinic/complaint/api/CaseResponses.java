package clinic.complaint.api;

import clinic.complaint.application.ComplaintService.CaseView;
import clinic.complaint.application.PersonalDataReads;
import clinic.eventstore.security.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ResourceInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A case as the request's caller may see it: whole to staff of its branch, the read recorded when the answer shows
 * personal data ({@link PersonalDataReads}); masked to everyone else (HQ, operations, privacy).
 */
@RequestScoped
public class CaseResponses {

    private final CurrentUser user;
    private final PersonalDataReads reads;

    public CaseResponses(CurrentUser user, PersonalDataReads reads) {
        this.user = user;
        this.reads = reads;
    }

    /** {@code operation}: the resource method that shows it, named on the record by its OpenAPI operationId. */
    ComplaintResponse show(CaseView view, ResourceInfo operation) {
        var c = view.complaint();
        boolean whole = user.seesPersonalData(c.branchId());
        var p = view.personal();
        if (whole && !p.erased() && (p.name() != null || p.phone() != null || p.idNumber() != null
                || p.description() != null)) {
            reads.record(user.actor(), c.customerRef(), c.id(), c.branchId(), operationId(operation));
        }
        return ComplaintResponse.of(view, whole);
    }

    /** The operationId of the resource method handling the request: what the record of reads names. */
    static String operationId(ResourceInfo operation) {
        return operation.getResourceMethod().getAnnotation(Operation.class).operationId();
    }
}
