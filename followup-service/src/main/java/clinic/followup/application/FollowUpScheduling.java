package clinic.followup.application;

import clinic.eventstore.EventMetadata;
import clinic.eventstore.config.BranchCalendars;
import clinic.followup.config.FollowUpConfig;
import clinic.followup.domain.FollowUpCommand.ScheduleFollowUp;
import clinic.followup.domain.FollowUpCommand;
import clinic.followup.domain.FollowUpRules;
import clinic.followup.domain.FollowUpWindow;
import clinic.followup.domain.ProductLine;
import clinic.followup.domain.SurveyCommand;
import clinic.followup.projection.FollowUpTaskRow;
import clinic.followup.projection.SurveyRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Runs the follow-up rules on what happened elsewhere: which tasks and surveys to schedule, and which no longer fit.
 * Every effect is idempotent (task and survey ids come from what they are about; cancelling twice cancels once), so a
 * redelivered event changes nothing.
 */
@ApplicationScoped
public class FollowUpScheduling {

    private static final Logger LOG = Logger.getLogger(FollowUpScheduling.class);

    private final FollowUpService tasks;
    private final SurveyService surveys;
    private final ContactPreferences contacts;
    private final FollowUpConfig config;
    private final BranchCalendars calendars;
    private final FollowUpWindows windows;

    public FollowUpScheduling(FollowUpService tasks, SurveyService surveys, ContactPreferences contacts,
                              FollowUpConfig config, BranchCalendars calendars, FollowUpWindows windows) {
        this.calendars = calendars;
        this.windows = windows;
        this.tasks = tasks;
        this.surveys = surveys;
        this.contacts = contacts;
        this.config = config;
    }

    public void complaintFiled(UUID complaintId, String branchId, String customerRef, Instant filedAt, EventMetadata m) {
        schedule(FollowUpRules.onComplaintFiled(complaintId, branchId, customerRef, filedAt, config.policyFor(branchId),
                calendars.of(branchId)), m);
    }

    /**
     * Resolved, or its refund settled ({@code by}): the 1-3-7 callbacks of the case's current cycle (once per cycle,
     * whichever comes first), and the cycle's follow-up window over them, opened first so that it hears of every
     * callback's end; callbacks not scheduled because the customer asked not to be contacted are over at once, not
     * made. A window a settlement opened ends only after the resolution re-opens it (which may end it at once).
     */
    public void resolvedOrSettled(ComplaintCases.Case c, FollowUpWindow.OpenedBy by, Instant at, EventMetadata m) {
        List<ScheduleFollowUp> series = FollowUpRules.afterResolution(c.complaintId(), c.cycle(), c.branchId(),
                c.customerRef(), at, config.policyFor(c.branchId()), calendars.of(c.branchId()));
        windows.open(c.complaintId(), c.branchId(), c.cycle(), FollowUpRules.taskIds(series), by, at, m);
        List<UUID> notScheduled = schedule(series, m);
        windows.notMade(c.complaintId(), notScheduled, at, m);
    }

    public UUID correctiveVisit(ComplaintCases.Case c, Instant visitedAt, EventMetadata m) {
        ScheduleFollowUp task = FollowUpRules.afterCorrectiveVisit(c.complaintId(), c.branchId(), c.customerRef(),
                visitedAt, config.policyFor(c.branchId()), calendars.of(c.branchId()));
        schedule(List.of(task), m);
        return task.taskId();
    }

    public void productsSold(UUID purchaseId, String branchId, String customerRef, Instant purchasedAt,
                             List<ProductLine> lines, EventMetadata m) {
        schedule(FollowUpRules.afterProductSale(purchaseId, branchId, customerRef, purchasedAt, lines, config.policyFor(branchId),
                calendars.of(branchId)), m);
    }

    /** Closed: the case's one survey, 24 hours later in business hours. */
    public void closed(ComplaintCases.Case c, Instant closedAt, EventMetadata m) {
        if (contacts.doNotContact(c.customerRef())) {
            LOG.infof("no survey for complaint %s: the customer asked not to be contacted", c.complaintId());
            return;
        }
        var command = FollowUpRules.surveyAfterClosing(c.complaintId(), c.branchId(), c.customerRef(), closedAt,
                SurveyService.newToken(), config.policyFor(c.branchId()), calendars.of(c.branchId()));
        surveys.apply(command.surveyId(), command, m);
    }

    /**
     * Reopened or withdrawn: the cycle's follow-up window never ends (interrupted before its callbacks are cancelled,
     * which would otherwise end it), and the callbacks still open and a survey not yet sent no longer fit.
     */
    public void caseNoLongerFits(UUID complaintId, String reason, Instant at, EventMetadata m) {
        windows.interrupt(complaintId, reason, at, m);
        List<UUID> open = QuarkusTransaction.joiningExisting().call(() -> FollowUpTaskRow.<FollowUpTaskRow>list(
                "complaintId = ?1 and status in ('SCHEDULED', 'DUE', 'ASSIGNED')", complaintId).stream()
                .map(r -> r.id).toList());
        for (UUID task : open) {
            tasks.apply(task, new FollowUpCommand.Cancel(reason, at), m);
        }
        UUID survey = FollowUpRules.surveyId(complaintId);
        if (QuarkusTransaction.joiningExisting().call(() -> SurveyRow.findById(survey)) != null) {
            surveys.apply(survey, new SurveyCommand.CancelSurvey(reason, at), m);
        }
    }

    /** A customer asked not to be contacted: their open calls and unsent surveys are cancelled. */
    public int doNotContact(String customerRef, Instant at, EventMetadata m) {
        // each cancellation is recorded as its task's or survey's branch's, whoever heard the customer's wish
        List<FollowUpTaskRow> open = QuarkusTransaction.joiningExisting().call(() -> FollowUpTaskRow.<FollowUpTaskRow>list(
                "customerRef = ?1 and status in ('SCHEDULED', 'DUE', 'ASSIGNED')", customerRef));
        for (FollowUpTaskRow task : open) {
            tasks.apply(task.id, new FollowUpCommand.Cancel("the customer asked not to be contacted", at),
                    new EventMetadata(task.branchId, m.actor(), m.correlationId(), m.causationId()));
        }
        List<SurveyRow> unsent = QuarkusTransaction.joiningExisting().call(() -> SurveyRow.<SurveyRow>list(
                "customerRef = ?1 and status = 'SCHEDULED'", customerRef));
        for (SurveyRow survey : unsent) {
            surveys.apply(survey.id, new SurveyCommand.CancelSurvey("the customer asked not to be contacted", at),
                    new EventMetadata(survey.branchId, m.actor(), m.correlationId(), m.causationId()));
        }
        return open.size() + unsent.size();
    }

    /** Schedules the tasks the customer may be called for; returns the ids of those they may not. */
    private List<UUID> schedule(List<ScheduleFollowUp> commands, EventMetadata m) {
        List<UUID> skipped = new java.util.ArrayList<>();
        for (ScheduleFollowUp c : commands) {
            if (contacts.doNotContact(c.customerRef())) {
                LOG.infof("no %s call for task %s: the customer asked not to be contacted", c.kind(), c.taskId());
                skipped.add(c.taskId());
                continue;
            }
            tasks.apply(c.taskId(), c, m);
        }
        return skipped;
    }
}
