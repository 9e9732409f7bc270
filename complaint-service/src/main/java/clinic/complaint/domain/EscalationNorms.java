package clinic.complaint.domain;

import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.Complaint.Escalation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The deadlines an external escalation brings with it: the public norms of the bodies that have one, or the date staff
 * typed in. A typed date always wins over the norm for that escalation; a body without a norm has only the typed date
 * (or none). Which applies is recorded with the escalation ({@code deadlineSource} of {@code EscalatedExternally}:
 * {@value #TYPED} or the norm's name), so a case keeps the rule it was escalated under.
 *
 * <p>Deadlines are whole working days of the branch's business calendar, counted from the day after the escalation
 * date in the branch's time zone ({@link BusinessCalendar#plusWorkingDays}); a deadline falls due at the end of its
 * day. Like the SLA clocks they are readings computed from the case, the calendar and the moment, never stored: a
 * holiday published later, or a wait on the assessor, moves them.
 *
 * <p><b>At risk</b> reuses the SLA policy's at-risk share ({@code complaint.sla.at-risk-share}, 80 %): a deadline of N
 * working days is at risk from the start of the working day after the first ⌊share × N⌋ working days have passed, so
 * at 80 % a 7-day deadline is at risk for its last 2 working days, 10 days for 2, 30 for 6, 45 for 9. A typed date counts
 * N as the working days from the escalation date to it, and is at risk on its own day at the latest. <b>Missed</b>: the
 * due day ended without an outcome recorded. Both are raised once per escalation and deadline kind by the SLA scheduler
 * ({@link clinic.complaint.domain.sla.SlaScheduling}); an escalation with an outcome recorded raises nothing more.
 */
public final class EscalationNorms {

    private EscalationNorms() {
    }

    /** The source of a deadline staff typed in. */
    public static final String TYPED = "typed";

    /** What falls due. */
    public enum DeadlineKind {
        /** The market regulator decides whether it accepts the complaint. */
        ACCEPTANCE,
        /** The mediation (by the market regulator, or by people's mediation) ends. */
        MEDIATION,
        /** The company settles with the customer itself (12315 online dispute resolution). */
        NEGOTIATION,
        /** The date staff typed in: whatever the body set. */
        TYPED
    }

    /** How late a deadline is when its warning is raised. */
    public enum WarningLevel {
        AT_RISK,
        MISSED
    }

    /** One deadline of a norm: {@code workingDays} working days after the escalation date. */
    public record Term(DeadlineKind kind, int workingDays) {
    }

    /**
     * The public norms, one per body that has one. The names are stored in events: a norm that changes is a new
     * constant, the old one stays for the cases escalated under it.
     */
    public enum Norm {
        /**
         * A complaint to the market regulator (12315). Under the market regulator's interim measures for handling
         * complaints and reports, the regulator decides whether it accepts a complaint within 7 working days of
         * receiving it, and a mediation it runs ends within 45 working days of the acceptance. The acceptance date is
         * not recorded here, so the 45 working days are counted from the escalation date too (an early warning, never a
         * late one: the real end can only be later).
         */
        MARKET_REGULATOR_COMPLAINT(EscalationBody.MARKET_REGULATOR_12315, false,
                new Term(DeadlineKind.ACCEPTANCE, 7), new Term(DeadlineKind.MEDIATION, 45)),
        /**
         * 12315 online dispute resolution (ODR): the platform passes the dispute to the company, which has 10 working
         * days to negotiate a settlement with the customer itself before the dispute goes on to the regulator.
         */
        ONLINE_DISPUTE_RESOLUTION(EscalationBody.ONLINE_DISPUTE_12315, false,
                new Term(DeadlineKind.NEGOTIATION, 10)),
        /**
         * People's mediation of a medical dispute. Under the State Council's regulations on preventing and handling
         * medical disputes, the medical-dispute mediation committee completes a mediation within 30 working days of
         * accepting it, and the time a medical assessment takes does not count. Here the 30 days run from the
         * escalation date, and the working time the case waits on the assessor after the escalation (waits with reason
         * ASSESSOR, as a third-party assessment starts them) moves the deadline by as many working days, each started
         * day counting whole; while such a wait runs the deadline is paused.
         */
        MEDICAL_DISPUTE_MEDIATION(EscalationBody.PEOPLES_MEDIATION, true,
                new Term(DeadlineKind.MEDIATION, 30));

        private final EscalationBody body;
        private final boolean assessmentExcluded;
        private final List<Term> terms;

        Norm(EscalationBody body, boolean assessmentExcluded, Term... terms) {
            this.body = body;
            this.assessmentExcluded = assessmentExcluded;
            this.terms = List.of(terms);
        }

        public EscalationBody body() {
            return body;
        }

        /** Whether time spent waiting on a third-party assessment is left out of the period. */
        public boolean assessmentExcluded() {
            return assessmentExcluded;
        }

        public List<Term> terms() {
            return terms;
        }

        /** The norm in force for an escalation to {@code body} today, or null when the body has none. */
        public static Norm forBody(EscalationBody body) {
            for (Norm n : values()) {
                if (n.body == body) {
                    return n;
                }
            }
            return null;
        }

        /** The norm of a recorded name; null for {@value #TYPED}, none, or a name this version does not know. */
        static Norm named(String name) {
            for (Norm n : values()) {
                if (n.name().equals(name)) {
                    return n;
                }
            }
            return null;
        }
    }

    /**
     * Which rule sets an escalation's deadlines: {@value #TYPED} when staff typed a date, else the name of the body's
     * norm, else null (no deadline).
     */
    public static String sourceFor(EscalationBody body, LocalDate typed) {
        if (typed != null) {
            return TYPED;
        }
        Norm norm = Norm.forBody(body);
        return norm == null ? null : norm.name();
    }

    /**
     * One deadline of an escalation read at a moment. {@code dueDate}, {@code atRiskFrom}, {@code atRiskAt} (the start
     * of the at-risk day) and {@code missedAt} (the end of the due day) are null while {@code paused} (the case waits on
     * the assessor: the time left is known, the date is not). {@code atRisk}: the at-risk day has come, the deadline
     * is not missed and no outcome is recorded. {@code missed}: the due day ended before an outcome was recorded.
     */
    public record Deadline(UUID escalationId, EscalationBody body, DeadlineKind kind, String source,
                           LocalDate dueDate, LocalDate atRiskFrom, Instant atRiskAt, Instant missedAt,
                           boolean paused, boolean atRisk, boolean missed) {
    }

    /** The deadlines of every escalation of the case, in the order of its escalations. */
    public static List<Deadline> read(Complaint c, BusinessCalendar calendar, double atRiskShare, Instant now) {
        List<Deadline> all = new ArrayList<>();
        for (Escalation e : c.escalations()) {
            all.addAll(read(c, e, calendar, atRiskShare, now));
        }
        return all;
    }

    /** The deadlines of one escalation of the case (none when neither a typed date nor a norm applies). */
    public static List<Deadline> read(Complaint c, Escalation e, BusinessCalendar calendar, double atRiskShare,
                                      Instant now) {
        ZoneId zone = calendar.zone();
        LocalDate escalated = LocalDate.ofInstant(e.escalatedAt(), zone);
        if (TYPED.equals(e.deadlineSource()) && e.deadline() != null) {
            LocalDate due = e.deadline();
            int days = workingDaysAfter(calendar, escalated, due);
            LocalDate atRiskFrom = calendar.plusWorkingDays(escalated, atRiskAfter(days, atRiskShare) + 1);
            if (atRiskFrom.isAfter(due)) {
                atRiskFrom = due;
            }
            return List.of(reading(e, DeadlineKind.TYPED, TYPED, due, atRiskFrom, zone, now));
        }
        Norm norm = Norm.named(e.deadlineSource());
        if (norm == null) {
            return List.of();
        }
        boolean paused = norm.assessmentExcluded() && e.open() && c.waitingOn() == WaitReason.ASSESSOR;
        int extra = norm.assessmentExcluded() ? assessmentDays(c, e, calendar) : 0;
        List<Deadline> deadlines = new ArrayList<>();
        for (Term t : norm.terms()) {
            if (paused) {
                deadlines.add(new Deadline(e.id(), e.body(), t.kind(), norm.name(), null, null, null, null, true,
                        false, false));
                continue;
            }
            LocalDate due = calendar.plusWorkingDays(escalated, t.workingDays() + extra);
            LocalDate atRiskFrom = calendar.plusWorkingDays(escalated,
                    atRiskAfter(t.workingDays(), atRiskShare) + 1 + extra);
            deadlines.add(reading(e, t.kind(), norm.name(), due, atRiskFrom, zone, now));
        }
        return deadlines;
    }

    private static Deadline reading(Escalation e, DeadlineKind kind, String source, LocalDate due, LocalDate atRiskFrom,
                                    ZoneId zone, Instant now) {
        Instant atRiskAt = atRiskFrom.atStartOfDay(zone).toInstant();
        Instant missedAt = due.plusDays(1).atStartOfDay(zone).toInstant();
        Instant end = e.open() ? now : e.outcomeAt();
        boolean missed = !end.isBefore(missedAt);
        boolean atRisk = e.open() && !missed && !now.isBefore(atRiskAt);
        return new Deadline(e.id(), e.body(), kind, source, due, atRiskFrom, atRiskAt, missedAt, false, atRisk, missed);
    }

    /** The working days of a period of {@code days} after which it is at risk: ⌊share × days⌋. */
    private static int atRiskAfter(int days, double atRiskShare) {
        return (int) Math.floor(days * atRiskShare);
    }

    /** How many working days lie after {@code from} up to and including {@code to}. */
    private static int workingDaysAfter(BusinessCalendar calendar, LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                days++;
            }
        }
        return days;
    }

    /**
     * The working days the case waited on the assessor after the escalation (waits that have ended), each started
     * working day counting whole.
     */
    private static int assessmentDays(Complaint c, Escalation e, BusinessCalendar calendar) {
        Duration waited = Duration.ZERO;
        for (Complaint.Pause p : c.slaTrack().waitHistory()) {
            if (p.reason() == WaitReason.ASSESSOR) {
                Instant from = p.from().isBefore(e.escalatedAt()) ? e.escalatedAt() : p.from();
                waited = waited.plus(calendar.workingTimeBetween(from, p.to()));
            }
        }
        long day = calendar.workingDay().toNanos();
        return (int) ((waited.toNanos() + day - 1) / day);
    }
}
