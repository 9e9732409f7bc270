package clinic.complaint.application;

import java.util.UUID;

public class ComplaintNotFound extends RuntimeException {
    public ComplaintNotFound(UUID id) {
        super("no complaint " + id);
    }
}
