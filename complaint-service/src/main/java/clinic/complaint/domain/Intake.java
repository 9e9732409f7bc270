package clinic.complaint.domain;

import clinic.eventstore.domain.Money;

import clinic.calendar.CalendarSnapshot;
import clinic.complaint.domain.sla.SlaPolicy;

import java.time.Instant;
import java.util.UUID;

/**
 * What the filing said: who complains, at which branch, through which channel, about what, asking for what, having
 * paid how much; and the SLA targets and calendar the case was filed under (kept with it, so that a later change of
 * policy or holidays leaves its clocks be; null for a case filed before they were kept). Only the category moves
 * afterwards: the assessment may reclassify the complaint.
 */
public record Intake(UUID id, String caseNumber, String branchId, String customerRef, Channel channel,
                     Category category, Remedy requestedRemedy, Money amountPaid, Instant filedAt, SlaPolicy sla,
                     CalendarSnapshot calendar) {

    /** Nothing filed yet. */
    static final Intake NONE = new Intake(null, null, null, null, null, null, null, null, null, null, null);

    Intake reclassified(Category category) {
        return new Intake(id, caseNumber, branchId, customerRef, channel, category, requestedRemedy, amountPaid,
                filedAt, sla, calendar);
    }
}
