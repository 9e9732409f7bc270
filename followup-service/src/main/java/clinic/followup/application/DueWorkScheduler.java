package clinic.followup.application;

import clinic.eventstore.EventMetadata;
import clinic.followup.config.FollowUpConfig;
import clinic.followup.domain.FollowUpCommand;
import clinic.followup.domain.SurveyCommand;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fires what has come due: scheduled tasks go into their branch's work queue ({@code followup.due.v1}), scheduled
 * surveys are sent, sent surveys past their time expire. The candidates come from the read models, so nothing due is
 * lost over a restart; each task or survey decides once (a second look decides nothing) and two instances that look
 * at once lose to each other on the stream version, so nothing fires twice.
 */
@ApplicationScoped
public class DueWorkScheduler {

    private static final Logger LOG = Logger.getLogger(DueWorkScheduler.class);
    private static final int BATCH = 200;

    private final FollowUpService tasks;
    private final SurveyService surveys;
    private final FollowUpConfig config;
    private final Clock clock;
    private final EntityManager em;

    public DueWorkScheduler(FollowUpService tasks, SurveyService surveys, FollowUpConfig config, Clock clock,
                            EntityManager em) {
        this.tasks = tasks;
        this.surveys = surveys;
        this.config = config;
        this.clock = clock;
        this.em = em;
    }

    @Scheduled(every = "${followup.check-every:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void fire() {
        Instant now = clock.instant();
        EventMetadata by = new EventMetadata(null, "followup-scheduler", UUID.randomUUID(), null);
        for (UUID id : ids("select t.id from FollowUpTaskRow t where t.status = 'SCHEDULED' and t.dueAt <= ?1 "
                + "order by t.dueAt", now)) {
            run(() -> tasks.apply(id, new FollowUpCommand.MarkDue(now), by), id);
        }
        for (UUID id : ids("select s.id from SurveyRow s where s.status = 'SCHEDULED' and s.sendAt <= ?1 "
                + "order by s.sendAt", now)) {
            run(() -> surveys.apply(id, new SurveyCommand.SendSurvey(config.surveyOpenFor(), now), by), id);
        }
        for (UUID id : ids("select s.id from SurveyRow s where s.status = 'SENT' and s.expiresAt <= ?1 "
                + "order by s.expiresAt", now)) {
            run(() -> surveys.apply(id, new SurveyCommand.ExpireSurvey(now), by), id);
        }
    }

    private List<UUID> ids(String query, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(query, UUID.class).setParameter(1, now)
                .setMaxResults(BATCH).getResultList());
    }

    /** One task's or survey's due work, a span of its own (its log lines carry its case's correlation, no other's). */
    private static void run(Runnable work, UUID id) {
        try (var span = clinic.eventstore.observe.Tracing.begin(null, null)) {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf("follow-up %s could not be fired now, will retry: %s", id, e.toString());
        }
    }
}
