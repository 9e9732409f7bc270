package clinic.followup.projection;

import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.followup.application.FollowUpEventTypes;
import clinic.followup.domain.Survey;
import clinic.followup.domain.SurveyEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Keeps {@code surveys} equal to the surveys' states, in the transaction that appends their events; rebuildable. */
@ApplicationScoped
public class SurveysProjection {

    private final EventStore store;

    public SurveysProjection(EventStore store) {
        this.store = store;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(Survey s, long version) {
        SurveyRow row = SurveyRow.findById(s.id());
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

    public long rebuild(EventSourcedRepository<?, SurveyEvent, Survey> surveys) {
        return QuarkusTransaction.requiringNew().call(() -> {
            SurveyRow.deleteAll();
            List<String> streams = store.streamIdsStartingWith(FollowUpEventTypes.SURVEY_SCHEDULED);
            for (String stream : streams) {
                var loaded = surveys.load(stream);
                update(loaded.state(), loaded.version());
            }
            return (long) streams.size();
        });
    }
}
