package clinic.followup.domain;

import clinic.followup.domain.SurveyCommand.AnswerSurvey;
import clinic.followup.domain.SurveyCommand.CancelSurvey;
import clinic.followup.domain.SurveyCommand.ExpireSurvey;
import clinic.followup.domain.SurveyCommand.ScheduleSurvey;
import clinic.followup.domain.SurveyCommand.SendSurvey;
import clinic.followup.domain.SurveyEvent.SurveyAnswered;
import clinic.followup.domain.SurveyEvent.SurveyCancelled;
import clinic.followup.domain.SurveyEvent.SurveyExpired;
import clinic.followup.domain.SurveyEvent.SurveyScheduled;
import clinic.followup.domain.SurveyEvent.SurveySent;

import clinic.eventstore.domain.RuleBroken;

import java.util.ArrayList;
import java.util.List;

import static clinic.followup.domain.SurveyStatus.ANSWERED;
import static clinic.followup.domain.SurveyStatus.CANCELLED;
import static clinic.followup.domain.SurveyStatus.EXPIRED;
import static clinic.followup.domain.SurveyStatus.SCHEDULED;
import static clinic.followup.domain.SurveyStatus.SENT;

/**
 * The rules of a case's satisfaction survey: one per case (a survey sent is never sent again, even when the case is
 * reopened and closed again; one cancelled before sending is re-armed by the next closing), sent at its time, open for
 * the policy's days, answered once with CSAT 1-5 and NPS 0-10; a low score reopens the complaint.
 */
public final class SurveyDecider {

    private SurveyDecider() {
    }

    public static List<SurveyEvent> decide(SurveyCommand command, Survey s) {
        return switch (command) {
            case ScheduleSurvey c -> s.status() == SurveyStatus.NONE || s.status() == CANCELLED
                    ? List.of(new SurveyScheduled(c.surveyId(), c.complaintId(), c.branchId(), c.customerRef(),
                    s.token() != null ? s.token() : c.token(), c.sendAt(), c.at()))
                    : List.of();
            case SendSurvey c -> s.status() == SCHEDULED && !c.at().isBefore(s.sendAt())
                    ? List.of(new SurveySent(s.id(), s.complaintId(), s.branchId(), s.customerRef(), c.at(),
                    c.at().plus(c.openFor())))
                    : List.of();
            case AnswerSurvey c -> answer(s, c);
            case ExpireSurvey c -> s.status() == SENT && !c.at().isBefore(s.expiresAt())
                    ? List.of(new SurveyExpired(s.id(), s.complaintId(), c.at()))
                    : List.of();
            case CancelSurvey c -> s.status() == SCHEDULED
                    ? List.of(new SurveyCancelled(s.id(), c.reason(), c.at()))
                    : List.of();
        };
    }

    private static List<SurveyEvent> answer(Survey s, AnswerSurvey c) {
        switch (s.status()) {
            case SENT -> {
                if (!c.at().isBefore(s.expiresAt())) {
                    throw FollowUpDecider.notAllowed(SurveyStep.ANSWER.apiName(), EXPIRED, List.of());
                }
            }
            case ANSWERED, EXPIRED ->
                    throw FollowUpDecider.notAllowed(SurveyStep.ANSWER.apiName(), s.status(), List.of());
            default -> throw FollowUpDecider.notAllowed(SurveyStep.ANSWER.apiName(), s.status(), List.of());
        }
        if (c.csat() < 1 || c.csat() > 5) {
            throw new RuleBroken("csat", "CSAT is 1 to 5");
        }
        if (c.nps() < 0 || c.nps() > 10) {
            throw new RuleBroken("nps", "NPS is 0 to 10");
        }
        List<SurveyEvent> events = new ArrayList<>();
        events.add(new SurveyAnswered(s.id(), s.complaintId(), s.branchId(), c.csat(), c.nps(), c.hasComment(), c.at()));
        if (c.csat() <= c.dissatisfiedCsatAtMost() || c.nps() <= c.dissatisfiedNpsAtMost()) {
            events.add(new CustomerDissatisfied(s.complaintId(), "survey scored CSAT " + c.csat() + "/5, NPS "
                    + c.nps() + "/10", "survey", c.at()));
        }
        return events;
    }

    public static Survey evolve(Survey s, SurveyEvent event) {
        return switch (event) {
            case SurveyScheduled e -> new Survey(e.surveyId(), e.complaintId(), e.branchId(), e.customerRef(), e.token(),
                    SCHEDULED, e.sendAt(), null, null, null);
            case SurveySent e -> s.with(SENT, s.sendAt(), e.expiresAt(), null, null);
            case SurveyAnswered e -> s.with(ANSWERED, s.sendAt(), s.expiresAt(), e.csat(), e.nps());
            case SurveyExpired e -> s.with(EXPIRED, s.sendAt(), s.expiresAt(), null, null);
            case SurveyCancelled e -> s.with(CANCELLED, s.sendAt(), s.expiresAt(), null, null);
            case CustomerDissatisfied e -> s;
        };
    }
}
