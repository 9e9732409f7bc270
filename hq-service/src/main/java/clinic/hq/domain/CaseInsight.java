package clinic.hq.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A complaint as HQ sees it, folded from its {@link CaseFact}s: where it came from and how it is classified, its
 * status, its two SLA clocks (as complaint-service read them when they stopped, and the warnings it raised while they
 * ran), each resolution with its clock, its reopenings and its external escalations.
 *
 * @param acknowledgeSla where the acknowledge clock stands: {@link #RUNNING}, {@link CaseFact.SlaWarned#AT_RISK},
 *                       {@link CaseFact.SlaWarned#BREACHED}, {@link #MET}, {@link #MISSED} or {@link #STOPPED}
 * @param resolveSla     the same for the current cycle's resolve clock
 */
public record CaseInsight(UUID complaintId, String caseNumber, String branchId, String channel, String category,
                          String severity, String status, Instant filedAt, Instant acknowledgedAt,
                          SlaStop acknowledgeClock, String acknowledgeSla, String resolveSla, int reopenCount,
                          Instant closedAt, List<Resolution> resolutions, List<Warning> warnings,
                          List<Escalation> escalations) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
    public static final String CLOSED = "CLOSED";
    public static final String WITHDRAWN = "WITHDRAWN";

    public static final String RUNNING = "RUNNING";
    public static final String MET = "MET";
    public static final String MISSED = "MISSED";
    /** Stopped without its goal: withdrawn, or closed before it was reached. */
    public static final String STOPPED = "STOPPED";

    /** Nothing observed yet. */
    public static final CaseInsight NONE = new CaseInsight(null, null, null, null, null, null, null, null, null, null,
            null, null, 0, null, List.of(), List.of(), List.of());

    /** One resolution: {@code cycle} 0 the first, n after the n-th reopening; {@code clock} null when not kept. */
    public record Resolution(int cycle, Instant resolvedAt, SlaStop clock) {
    }

    public record Warning(String clock, int cycle, String level, Instant raisedAt) {
    }

    public record Escalation(UUID escalationId, String body, Instant escalatedAt, Instant concludedAt) {
    }

    public CaseInsight {
        resolutions = List.copyOf(resolutions);
        warnings = List.copyOf(warnings);
        escalations = List.copyOf(escalations);
    }

    public boolean exists() {
        return complaintId != null;
    }

    public boolean open() {
        return OPEN.equals(status);
    }

    /** Folds one fact in. A fact of a case never filed here is kept only by its id (its filing may be rebuilt later). */
    public static CaseInsight evolve(CaseInsight s, CaseFact fact) {
        return switch (fact) {
            case CaseFact.Filed f -> new CaseInsight(f.complaintId(), f.caseNumber(), f.branchId(), f.channel(),
                    f.category(), s.severity, OPEN, f.filedAt(), s.acknowledgedAt, s.acknowledgeClock,
                    s.acknowledgeSla != null ? s.acknowledgeSla : RUNNING, s.resolveSla != null ? s.resolveSla : RUNNING,
                    s.reopenCount, s.closedAt, s.resolutions, s.warnings, s.escalations);
            case CaseFact.Acknowledged a -> s.with(a.complaintId())
                    .acknowledged(a.acknowledgedAt(), a.clock());
            case CaseFact.Assessed a -> {
                CaseInsight c = s.with(a.complaintId());
                yield new CaseInsight(c.complaintId, c.caseNumber, c.branchId, c.channel, a.category(), a.severity(),
                        c.status, c.filedAt, c.acknowledgedAt, c.acknowledgeClock, c.acknowledgeSla, c.resolveSla,
                        c.reopenCount, c.closedAt, c.resolutions, c.warnings, c.escalations);
            }
            case CaseFact.Resolved r -> {
                CaseInsight c = s.with(r.complaintId());
                List<Resolution> resolutions = new ArrayList<>(c.resolutions);
                resolutions.add(new Resolution(c.reopenCount, r.resolvedAt(), r.clock()));
                yield c.moved(RESOLVED, c.acknowledgeSla, stopped(r.clock()), c.reopenCount, c.closedAt, resolutions);
            }
            case CaseFact.Closed x -> {
                CaseInsight c = s.with(x.complaintId());
                yield c.moved(CLOSED, endIfRunning(c.acknowledgeSla), endIfRunning(c.resolveSla), c.reopenCount,
                        x.closedAt(), c.resolutions);
            }
            case CaseFact.ClosedOutOfScope x -> {
                CaseInsight c = s.with(x.complaintId());
                yield c.moved(CLOSED, endIfRunning(c.acknowledgeSla), endIfRunning(c.resolveSla), c.reopenCount,
                        x.closedAt(), c.resolutions);
            }
            case CaseFact.Withdrawn w -> {
                CaseInsight c = s.with(w.complaintId());
                yield c.moved(WITHDRAWN, endIfRunning(c.acknowledgeSla), endIfRunning(c.resolveSla), c.reopenCount,
                        w.withdrawnAt(), c.resolutions);
            }
            case CaseFact.Reopened r -> {
                CaseInsight c = s.with(r.complaintId());
                yield c.moved(OPEN, c.acknowledgeSla, RUNNING, Math.max(c.reopenCount, r.reopenCount()), null,
                        c.resolutions);
            }
            case CaseFact.SlaWarned w -> s.with(w.complaintId()).warned(w);
            case CaseFact.EscalatedExternally e -> {
                CaseInsight c = s.with(e.complaintId());
                if (c.escalations.stream().anyMatch(x -> x.escalationId().equals(e.escalationId()))) {
                    yield c;
                }
                List<Escalation> escalations = new ArrayList<>(c.escalations);
                escalations.add(new Escalation(e.escalationId(), e.body(), e.escalatedAt(), null));
                yield c.withEscalations(escalations);
            }
            case CaseFact.EscalationConcluded e -> {
                CaseInsight c = s.with(e.complaintId());
                yield c.withEscalations(c.escalations.stream()
                        .map(x -> x.escalationId().equals(e.escalationId()) && x.concludedAt() == null
                                ? new Escalation(x.escalationId(), x.body(), x.escalatedAt(), e.recordedAt()) : x)
                        .toList());
            }
            case CaseFact.Step step -> s.with(step.complaintId());
        };
    }

    private CaseInsight with(UUID id) {
        return complaintId != null ? this : new CaseInsight(id, caseNumber, branchId, channel, category, severity,
                status, filedAt, acknowledgedAt, acknowledgeClock, acknowledgeSla, resolveSla, reopenCount, closedAt,
                resolutions, warnings, escalations);
    }

    private CaseInsight acknowledged(Instant at, SlaStop clock) {
        return new CaseInsight(complaintId, caseNumber, branchId, channel, category, severity, status, filedAt, at,
                clock, stopped(clock), resolveSla, reopenCount, closedAt, resolutions, warnings, escalations);
    }

    private CaseInsight moved(String newStatus, String ackSla, String resolveClock, int reopens, Instant closed,
                              List<Resolution> resolved) {
        return new CaseInsight(complaintId, caseNumber, branchId, channel, category, severity, newStatus, filedAt,
                acknowledgedAt, acknowledgeClock, ackSla, resolveClock, reopens, closed, resolved, warnings,
                escalations);
    }

    private CaseInsight withEscalations(List<Escalation> list) {
        return new CaseInsight(complaintId, caseNumber, branchId, channel, category, severity, status, filedAt,
                acknowledgedAt, acknowledgeClock, acknowledgeSla, resolveSla, reopenCount, closedAt, resolutions,
                warnings, list);
    }

    /** A warning is kept once; it moves the clock it names when that clock still runs in the warning's cycle. */
    private CaseInsight warned(CaseFact.SlaWarned w) {
        if (warnings.stream().anyMatch(x -> x.clock().equals(w.clock()) && x.cycle() == w.cycle()
                && x.level().equals(w.level()))) {
            return this;
        }
        List<Warning> list = new ArrayList<>(warnings);
        list.add(new Warning(w.clock(), w.cycle(), w.level(), w.raisedAt()));
        String ack = acknowledgeSla;
        String resolve = resolveSla;
        if ("ACKNOWLEDGE".equals(w.clock()) && running(ack)) {
            ack = escalated(ack, w.level());
        } else if ("RESOLVE".equals(w.clock()) && w.cycle() == reopenCount && running(resolve)) {
            resolve = escalated(resolve, w.level());
        }
        return new CaseInsight(complaintId, caseNumber, branchId, channel, category, severity, status, filedAt,
                acknowledgedAt, acknowledgeClock, ack, resolve, reopenCount, closedAt, resolutions, list, escalations);
    }

    private static boolean running(String clock) {
        return clock == null || RUNNING.equals(clock) || CaseFact.SlaWarned.AT_RISK.equals(clock);
    }

    private static String escalated(String clock, String level) {
        return CaseFact.SlaWarned.BREACHED.equals(level) ? level
                : CaseFact.SlaWarned.AT_RISK.equals(level) && !CaseFact.SlaWarned.BREACHED.equals(clock) ? level : clock;
    }

    private static String stopped(SlaStop clock) {
        return clock == null ? STOPPED : clock.met() ? MET : MISSED;
    }

    private static String endIfRunning(String clock) {
        return clock == null || RUNNING.equals(clock) || CaseFact.SlaWarned.AT_RISK.equals(clock)
                || CaseFact.SlaWarned.BREACHED.equals(clock) ? STOPPED : clock;
    }
}
