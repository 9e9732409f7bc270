package clinic.hq.projection;

import clinic.eventstore.Sql;
import clinic.hq.domain.SurveyInsight;
import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;

/** Keeps {@code hq_surveys} equal to the surveys' states (the newest version wins). */
@ApplicationScoped
public class SurveysModel {

    private final AgroalDataSource db;

    public SurveysModel(AgroalDataSource db) {
        this.db = db;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void update(SurveyInsight s, long version) {
        Sql.execute(db, """
                        insert into hq_surveys (survey_id, complaint_id, branch_id, status, scheduled_at, sent_at,
                            answered_at, csat, nps, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (survey_id) do update set complaint_id = excluded.complaint_id,
                            branch_id = excluded.branch_id, status = excluded.status,
                            scheduled_at = excluded.scheduled_at, sent_at = excluded.sent_at,
                            answered_at = excluded.answered_at, csat = excluded.csat, nps = excluded.nps,
                            version = excluded.version
                        where hq_surveys.version <= excluded.version""",
                s.surveyId(), s.complaintId(), s.branchId(), s.status(), s.scheduledAt(), s.sentAt(),
                s.answeredAt(), s.csat(), s.nps(), version);
    }
}
