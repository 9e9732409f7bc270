package clinic.complaint.domain;

import clinic.complaint.domain.ComplaintCommand.AcknowledgeComplaint;
import clinic.complaint.domain.ComplaintCommand.FileComplaint;
import clinic.complaint.domain.ComplaintEvent.ComplaintAcknowledged;
import clinic.complaint.domain.ComplaintEvent.ComplaintFiled;

import java.util.List;

/** The rules of a complaint case, as two pure functions. */
public final class ComplaintDecider {

    private ComplaintDecider() {
    }

    public static List<ComplaintEvent> decide(ComplaintCommand command, Complaint state) {
        if (!allowedSteps(state.status()).contains(command.step())) {
            throw new StepNotAllowed(command.step(), state.status(), allowedSteps(state.status()));
        }
        return switch (command) {
            case FileComplaint c -> List.of(new ComplaintFiled(c.complaintId(), c.caseNumber(), c.branchId(),
                    c.customerRef(), c.channel(), c.category(), c.requestedRemedy(), c.amountPaid(), c.at()));
            case AcknowledgeComplaint c -> List.of(new ComplaintAcknowledged(state.id(), c.acknowledgedBy(), c.at()));
        };
    }

    public static Complaint evolve(Complaint state, ComplaintEvent event) {
        return switch (event) {
            case ComplaintFiled e -> new Complaint(e.complaintId(), e.caseNumber(), e.branchId(), e.customerRef(),
                    e.channel(), e.category(), e.requestedRemedy(), e.amountPaid(), ComplaintStatus.RECEIVED,
                    e.filedAt(), null, null);
            case ComplaintAcknowledged e -> new Complaint(state.id(), state.caseNumber(), state.branchId(),
                    state.customerRef(), state.channel(), state.category(), state.requestedRemedy(), state.amountPaid(),
                    ComplaintStatus.ACKNOWLEDGED, state.filedAt(), e.acknowledgedAt(), e.acknowledgedBy());
        };
    }

    /** The steps a case in {@code status} accepts, in the order a user would take them. */
    public static List<String> allowedSteps(ComplaintStatus status) {
        return switch (status) {
            case NONE -> List.of("file");
            case RECEIVED -> List.of("acknowledge");
            case ACKNOWLEDGED -> List.of();
        };
    }
}
