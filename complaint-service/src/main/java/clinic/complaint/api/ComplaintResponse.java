package clinic.complaint.api;

import clinic.complaint.application.ComplaintService.CaseView;
import clinic.complaint.application.PersonalDetails;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Channel;
import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.ComplaintDecider;
import clinic.complaint.domain.ComplaintStatus;
import clinic.complaint.domain.Remedy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A case as the API shows it. */
public record ComplaintResponse(
        UUID id,
        String caseNumber,
        ComplaintStatus status,
        long version,
        String branchId,
        Customer customer,
        Channel channel,
        Category category,
        String description,
        Remedy requestedRemedy,
        MoneyJson amountPaid,
        Instant filedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        List<String> allowedSteps) {

    public record Customer(String ref, String name, String phone) {
    }

    static ComplaintResponse of(CaseView view) {
        Complaint c = view.complaint();
        PersonalDetails p = view.personal();
        return new ComplaintResponse(c.id(), c.caseNumber(), c.status(), view.version(), c.branchId(),
                new Customer(c.customerRef(), p == null ? null : p.customerName, p == null ? null : p.customerPhone),
                c.channel(), c.category(), p == null ? null : p.description, c.requestedRemedy(),
                MoneyJson.of(c.amountPaid()), c.filedAt(), c.acknowledgedAt(), c.acknowledgedBy(),
                ComplaintDecider.allowedSteps(c.status()));
    }
}
