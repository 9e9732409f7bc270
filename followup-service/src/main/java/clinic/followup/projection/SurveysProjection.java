package clinic.followup.projection;

import clinic.followup.domain.Survey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;


/** Keeps {@code surveys} equal to the surveys' states, in the transaction that appends their events; rebuildable. */
@ApplicationScoped
public class SurveysProjection {

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Survey s, long version) {
        SurveyRow row = SurveyRow.findById(s.id(), LockModeType.PESSIMISTIC_WRITE); // a rebuild batch and a step queue here
        if (row != null && row.version > version) {
            return; // a rebuild batch that read the survey before its latest step
        }
        if (row == null) {
            row = new SurveyRow();
            row.id = s.id();
        }
        row.complaintId = s.complaintId();
        row.branchId = s.branchId();
        row.customerRef = s.customerRef();
        row.token = s.token();
        row.status = s.status().name();
        row.sendAt = s.sendAt();
        row.expiresAt = s.expiresAt();
        row.csat = s.csat();
        row.nps = s.nps();
        row.version = version;
        row.persist();
    }
}
