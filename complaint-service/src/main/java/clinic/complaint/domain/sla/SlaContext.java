package clinic.complaint.domain.sla;

import clinic.calendar.BusinessCalendar;

/** What a case's clocks are read by: the targets it was filed under and its calendar. */
public record SlaContext(SlaPolicy policy, BusinessCalendar calendar) {
}
