package clinic.complaint.application;

import clinic.complaint.config.SlaConfig;
import clinic.eventstore.config.BranchCalendars;
import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.ComplaintCommand;
import clinic.complaint.domain.EscalationNorms;
import clinic.complaint.domain.sla.SlaClocks;
import clinic.complaint.domain.sla.SlaPolicy;
import clinic.complaint.domain.sla.SlaReading;
import clinic.complaint.domain.sla.SlaScheduling;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The SLA side of a case: its clocks and its external escalations' deadlines read now, and the row that tells the
 * scheduler when to look at it next (for either), kept in the transaction of every change to the case.
 */
@ApplicationScoped
public class SlaSchedule {

    private final EntityManager em;
    private final io.agroal.api.AgroalDataSource dataSource;
    private final SlaConfig config;
    private final BranchCalendars calendars;

    public SlaSchedule(EntityManager em, io.agroal.api.AgroalDataSource dataSource, SlaConfig config,
                       BranchCalendars calendars) {
        this.em = em;
        this.dataSource = dataSource;
        this.config = config;
        this.calendars = calendars;
    }

    public List<SlaReading> clocks(Complaint c, Instant now) {
        return SlaClocks.read(c, policyOf(c), calendarOf(c), now);
    }

    /**
     * The deadlines of the case's external escalations read now, in the branch's calendar, at risk at the share of the
     * targets the case was filed under.
     */
    public List<EscalationNorms.Deadline> escalationDeadlines(Complaint c, Instant now) {
        return EscalationNorms.read(c, calendarOf(c), policyOf(c).atRiskShare(), now);
    }

    /** The targets a new complaint of {@code branchId} gets (kept with it, so a later change of policy leaves it be). */
    public SlaPolicy policyFor(String branchId) {
        return config.policyFor(branchId);
    }

    /**
     * The calendar a new complaint of {@code branchId} keeps: the branch's, frozen for the year from today (a case's
     * clocks and escalation deadlines fall within it), so that replaying the case later reads the same clocks after
     * the holiday data or the branch's overrides change. Frozen only as far as the official schedule is published: the
     * statutory days of a year without its notice are a stopgap, and the notice, once added, counts for the case too
     * (when even today's year has none, only today is frozen).
     */
    public clinic.calendar.CalendarSnapshot calendarFor(String branchId, Instant now) {
        var calendar = calendars.of(branchId);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, calendar.zone());
        java.time.LocalDate to = today.plusDays(FROZEN_DAYS);
        var official = calendar.official();
        if (!official.isNone()) {
            int year = today.getYear();
            while (year <= to.getYear() && official.isPublished(year)) {
                year++;
            }
            java.time.LocalDate lastPublished = java.time.LocalDate.of(year - 1, 12, 31);
            to = !lastPublished.isAfter(today) ? today : to.isAfter(lastPublished) ? lastPublished : to;
        }
        return calendar.snapshot(today, to);
    }

    /** How many days after the filing a case's calendar is frozen for; beyond them the branch's current one counts. */
    static final int FROZEN_DAYS = 366;

    /**
     * The calendar the case was filed under (inside its frozen days), else the branch's current one. A case filed
     * before calendars were kept (no snapshot) counted the operator's holidays only, without the official ones: so it
     * does still, and its clocks read as they did.
     */
    public clinic.calendar.BusinessCalendar calendarOf(Complaint c) {
        var current = calendars.of(c.branchId());
        return c.calendar() != null ? current.frozenBy(c.calendar())
                : current.withOfficial(clinic.calendar.OfficialCalendar.NONE);
    }

    /** The targets the case was filed under; the branch's current ones for a case filed before they were kept. */
    private SlaPolicy policyOf(Complaint c) {
        return c.sla() != null ? c.sla() : config.policyFor(c.branchId());
    }

    /** The case's clock context: what the acknowledged and resolved events keep the stopped clock's reading by. */
    public clinic.complaint.domain.sla.SlaContext contextOf(Complaint c) {
        return new clinic.complaint.domain.sla.SlaContext(policyOf(c), calendarOf(c));
    }

    /** The scheduler's command for the case: raise what is due by {@code now}. */
    public ComplaintCommand.CheckSla check(Complaint c, Instant now) {
        return new ComplaintCommand.CheckSla(policyOf(c), calendarOf(c), now);
    }

    /** Sets (or clears) when the scheduler looks at the case next. Call after the case's events are appended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reschedule(Complaint c, Instant now) {
        Instant next = SlaScheduling.nextCheck(c, policyOf(c), calendarOf(c), now);
        // plain JDBC over the transaction's connection: one round trip, no session flush before it
        try (java.sql.Connection conn = dataSource.getConnection();
             java.sql.PreparedStatement ps = conn.prepareStatement(next == null
                     ? "delete from sla_schedule where complaint_id = ?"
                     : """
                       insert into sla_schedule (complaint_id, next_check_at) values (?, ?)
                       on conflict (complaint_id) do update set next_check_at = excluded.next_check_at""")) {
            ps.setObject(1, c.id());
            if (next != null) {
                ps.setObject(2, next.atOffset(java.time.ZoneOffset.UTC));
            }
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the SLA schedule of " + c.id() + " could not be written", e);
        }
    }

    /** Cases whose next check has come, earliest first. */
    @SuppressWarnings("unchecked")
    @Transactional
    public List<UUID> due(Instant now, int limit) {
        return em.createNativeQuery("""
                        select complaint_id from sla_schedule where next_check_at <= ?1 order by next_check_at limit ?2""",
                        UUID.class)
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }
}
