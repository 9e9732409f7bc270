package clinic.complaint.application;

import clinic.eventstore.api.NotFound;

import java.util.UUID;

public class ComplaintNotFound extends NotFound {
    public ComplaintNotFound(UUID id) {
        super("complaint-not-found", "no complaint " + id);
    }
}
