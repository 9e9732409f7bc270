package clinic.complaint.application;

import clinic.complaint.config.ComplaintConfig;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Channel;
import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.ComplaintCommand;
import clinic.complaint.domain.ComplaintDecider;
import clinic.complaint.domain.ComplaintEvent;
import clinic.complaint.domain.EscalationNorms;
import clinic.eventstore.domain.Money;
import clinic.complaint.domain.Remedy;
import clinic.complaint.domain.WarrantyPolicy;
import clinic.complaint.domain.sla.SlaReading;
import clinic.complaint.projection.ComplaintListProjection;
import clinic.eventstore.CommandPipeline;
import clinic.eventstore.CommandPipeline.Loaded;
import clinic.eventstore.CommandPipelines;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.Expected;
import clinic.eventstore.NewEvent;
import clinic.eventstore.ReadModel;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.security.BranchGuard;
import clinic.eventstore.config.BranchCalendars;
import clinic.eventstore.projection.ProjectionRunner;
import clinic.eventstore.projection.RebuildProgress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one entry point that changes complaint cases, through their command pipeline: it keeps the case list (a read
 * model, rebuildable) and the SLA schedule (kept live) in the transaction of every change.
 */
@Startup
@ApplicationScoped
public class ComplaintService {

    /** The case list's name for rebuilds. */
    public static final String LIST = "complaint-list";

    /** A new complaint as a branch system or staff member reports it. */
    public record Filing(String branchId, String customerRef, String customerName, String customerPhone,
                         String customerIdNumber, Channel channel, Category category, String description,
                         Remedy requestedRemedy, Money amountPaid) {
    }

    /** Who asks, and the conversation the request belongs to. */
    /**
     * Who acts (the actor every event records), the conversation, and what they may change: a request's user (their own
     * branches, checked on the case as stored) or {@link BranchGuard.ANY_BRANCH} for the service itself.
     */
    public record Caller(String actor, UUID correlationId, BranchGuard guard) {
    }

    /**
     * A case at a version. {@code replayed}: a retried filing returned the case its first attempt created. {@code sla}
     * and {@code escalationDeadlines}: its SLA clocks and its external escalations' deadlines, read now.
     */
    public record CaseView(Complaint complaint, long version, PersonalData personal, boolean replayed,
                           List<SlaReading> sla, List<EscalationNorms.Deadline> escalationDeadlines) {
    }

    private final CommandPipeline<ComplaintCommand, ComplaintEvent, Complaint> cases;
    private final EventStore store;
    private final CaseNumbers caseNumbers;
    private final ComplaintConfig config;
    private final Clock clock;
    private final PersonalDataVault vault;
    private final SlaSchedule sla;
    private final BranchCalendars calendars;
    private final ProjectionRunner projections;
    private final ComplaintListProjection list;
    private final EntityManager em;
    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry meters;
    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    public ComplaintService(CommandPipelines pipelines, EventStore store, EventTypeRegistry<ComplaintEvent> types,
                            CaseNumbers caseNumbers, ComplaintConfig config, Clock clock, ComplaintListProjection list,
                            PersonalDataVault vault, SlaSchedule sla, BranchCalendars calendars,
                            ProjectionRunner projections, EntityManager em) {
        this.store = store;
        this.cases = pipelines.define("complaint", types,
                        new Decider<>(ComplaintDecider::decide, ComplaintDecider::evolve, Complaint.NONE),
                        id -> new ComplaintNotFound(UUID.fromString(id)))
                .readModel(LIST, new ReadModel<>() {
                    @Override
                    public void update(Complaint state, long version, Instant now) {
                        updateList(state, version, now);
                    }

                    @Override
                    public void updateAll(List<Loaded<Complaint>> batch, Instant now) {
                        updateListBatch(batch, now);
                    }
                })
                .keepLive("sla-schedule", (state, version, now) -> sla.reschedule(state, now));
        this.caseNumbers = caseNumbers;
        this.config = config;
        this.clock = clock;
        this.vault = vault;
        this.sla = sla;
        this.calendars = calendars;
        this.projections = projections;
        this.list = list;
        this.em = em;
    }

    /**
     * Files a complaint. With an idempotency key, a retry of the same request returns the case the first one created;
     * the same key with a different request is refused.
     */
    public CaseView file(Filing filing, String idempotencyKey, Caller caller) {
        caller.guard().requireWorksFor(filing.branchId());
        String requestHash = sha256(filing.toString());
        if (idempotencyKey != null) {
            CaseView earlier = earlierFiling(idempotencyKey, requestHash);
            if (earlier != null) {
                return earlier;
            }
        }
        // what does not need the transaction is done before it: the case number (from this instance's block, see
        // CaseNumbers), the time, the branch's SLA policy and calendar
        Instant now = clock.instant();
        String caseNumber = caseNumbers.next(filing.branchId(), today(filing.branchId(), now).getYear());
        var command = new ComplaintCommand.FileComplaint(UUID.randomUUID(), caseNumber, filing.branchId(),
                filing.customerRef(), filing.channel(), filing.category(), filing.requestedRemedy(), filing.amountPaid(),
                sla.policyFor(filing.branchId()), sla.calendarFor(filing.branchId(), now), now);
        try {
            return fileNow(filing, command, idempotencyKey, requestHash, caller);
        } catch (RuntimeException e) {
            // a concurrent retry with the same key committed first: answer with its case
            CaseView earlier = idempotencyKey == null ? null : earlierFiling(idempotencyKey, requestHash);
            if (earlier != null) {
                return earlier;
            }
            throw e;
        }
    }

    private CaseView fileNow(Filing f, ComplaintCommand.FileComplaint command, String idempotencyKey,
                             String requestHash, Caller caller) {
        Instant now = command.at();
        UUID id = command.complaintId();
        // the pipeline decides before its transaction, which then holds the event, the list row, the SLA schedule,
        // the personal details (encrypted with the customer's key) and the idempotency record
        var result = cases.on(id).expecting(Expected.noStream()).by(metadata(f.branchId(), caller)).at(now)
                .alongside(filed -> storePersonal(f, id, idempotencyKey, requestHash, now))
                .decide(command);
        return new CaseView(result.state(), result.version(),
                new PersonalData(f.customerName(), f.customerPhone(), f.customerIdNumber(), f.description(), false), false,
                sla.clocks(result.state(), now), sla.escalationDeadlines(result.state(), now));
    }

    /**
     * The customer's personal details (encrypted with their key) and the idempotency record, in the filing's
     * transaction: one plain statement, as nothing else of a filing goes through Hibernate and a session opened and
     * flushed for two inserts cost more than the inserts.
     */
    private void storePersonal(Filing f, UUID id, String idempotencyKey, String requestHash, Instant now) {
        PersonalDataVault.Encryptor sealed = vault.encryptorFor(f.customerRef());
        String personal = """
                insert into complaint_personal_details
                       (complaint_id, customer_ref, name_enc, phone_enc, id_number_enc, description_enc)
                values (?, ?, ?, ?, ?, ?)""";
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement(idempotencyKey == null ? personal : "with p as ("
                     + personal + """
                     )
                     insert into idempotency_keys (idempotency_key, request_hash, complaint_id, created_at)
                     values (?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setString(2, f.customerRef());
            ps.setBytes(3, sealed.encrypt(f.customerName()));
            ps.setBytes(4, sealed.encrypt(f.customerPhone()));
            ps.setBytes(5, sealed.encrypt(f.customerIdNumber()));
            ps.setBytes(6, sealed.encrypt(f.description()));
            if (idempotencyKey != null) {
                ps.setString(7, idempotencyKey);
                ps.setString(8, requestHash);
                ps.setObject(9, id);
                ps.setObject(10, now.atOffset(java.time.ZoneOffset.UTC));
            }
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            // a unique violation (the same key filed by a concurrent retry) is a PSQLException with its SQL state,
            // which the pipeline's retry and file()'s fallback to the earlier filing recognise in the cause
            throw new IllegalStateException("the filing of " + id + " could not be stored", e);
        }
    }

    /** The case an earlier request with this key filed, if any: one read, no transaction. */
    private CaseView earlierFiling(String idempotencyKey, String requestHash) {
        String earlierHash;
        UUID complaintId;
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "select request_hash, complaint_id from idempotency_keys where idempotency_key = ?")) {
            ps.setString(1, idempotencyKey);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                earlierHash = rs.getString(1);
                complaintId = rs.getObject(2, UUID.class);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the idempotency key could not be read", e);
        }
        if (!earlierHash.equals(requestHash)) {
            throw new IdempotencyKeyReused(idempotencyKey);
        }
        CaseView view = get(complaintId);
        return new CaseView(view.complaint(), view.version(), view.personal(), true, view.sla(),
                view.escalationDeadlines());
    }

    /** What day it is at {@code now} where the branch is. */
    private LocalDate today(String branchId, Instant now) {
        return LocalDate.ofInstant(now, calendars.of(branchId).zone());
    }

    /** What a step's command is made from: the time, the date where the case's branch is, and its branch's policy. */
    public record StepContext(Instant now, LocalDate today, WarrantyPolicy warranty, clinic.complaint.domain.sla.SlaContext sla) {
    }

    /**
     * Takes one step of a case's life: the command {@code step} makes is decided on the current state and its events
     * appended, with the list row and SLA schedule updated in the same transaction. Without {@code ifMatch} a step that
     * lost a race (with the SLA scheduler, say) is decided again on the new state; with it, the caller decides.
     *
     * @param ifMatch the version the caller last saw, or null
     */
    public CaseView step(UUID id, Long ifMatch, Caller caller, Function<StepContext, ComplaintCommand> step) {
        return step(id, ifMatch, caller, step, state -> {
        });
    }

    /** Like {@link #step(UUID, Long, Caller, Function)}, with {@code alsoStore} run after the append in its transaction. */
    public CaseView step(UUID id, Long ifMatch, Caller caller, Function<StepContext, ComplaintCommand> step,
                         java.util.function.Consumer<Complaint> alsoStore) {
        Instant now = clock.instant();
        var result = cases.on(id).expecting(Expected.at(ifMatch)).by(state -> metadata(state.branchId(), caller)).at(now)
                .guardedBy(state -> caller.guard().requireWorksFor(state.branchId()))
                .alongside(changed -> alsoStore.accept(changed.state()))
                .decide(state -> step.apply(new StepContext(now, today(state.branchId(), now),
                        config.warrantyFor(state.branchId()), sla.contextOf(state))));
        return view(id, new Loaded<>(result.state(), result.version()));
    }

    /**
     * Applies what another service's event means for the case, inside the caller's transaction (the consumer's inbox
     * transaction).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyFromAnotherService(UUID id, ComplaintCommand.Automatic command, EventMetadata metadata) {
        cases.on(id).by(metadata).decide(command);
    }

    /**
     * The SLA scheduler's look at one case: raises the warnings that are due (once: the decider knows which were
     * raised, and a concurrent look loses on the stream version) and sets the next look.
     */
    @Transactional
    public void checkSla(UUID id) {
        if (!lockForSlaCheck(id)) {
            return; // another instance is looking at this case right now
        }
        Instant now = clock.instant();
        var looked = cases.on(id)
                .by(state -> new EventMetadata(state.branchId(), "sla-scheduler", UUID.randomUUID(), null)).at(now)
                .decideIfExists(state -> sla.check(state, now));
        // every warning raised (at risk, breached, an escalation deadline at risk or missed), by its event type
        looked.ifPresent(raised -> raised.events().forEach(e -> meters.counter("clinic.sla.warnings", "type", e.type())
                .increment()));
        looked.filter(result -> !result.changed())
                // nothing was due yet (a calendar or policy moved the moment): the next look and the list's SLA state
                // move on all the same, or the case would be looked at again and again
                .ifPresent(unchanged -> {
                    updateList(unchanged.state(), unchanged.version(), now);
                    sla.reschedule(unchanged.state(), now);
                });
    }

    /** Every kind of warning the SLA scheduler raises, counted from 0 so that the alert rules see the series at once. */
    void countWarnings(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ignored) {
        for (String type : List.of(ComplaintEventTypes.SLA_AT_RISK, ComplaintEventTypes.SLA_BREACHED,
                ComplaintEventTypes.ESCALATION_DEADLINE_AT_RISK, ComplaintEventTypes.ESCALATION_DEADLINE_MISSED)) {
            meters.counter("clinic.sla.warnings", "type", type);
        }
    }

    /** The case's row of the list, with its SLA clocks read at {@code now}: the read model the pipeline keeps. */
    private void updateList(Complaint state, long version, Instant now) {
        list.update(state, version, sla.clocks(state, now));
    }

    /** A rebuild batch of the list, in one statement: each case's row with its SLA clocks read at {@code now}. */
    private void updateListBatch(List<Loaded<Complaint>> batch, Instant now) {
        list.updateAll(batch.stream().map(loaded -> new ComplaintListProjection.Entry(loaded.state(), loaded.version(),
                sla.clocks(loaded.state(), now))).toList());
    }

    private boolean lockForSlaCheck(UUID id) {
        return (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext('sla:' || ?1))")
                .setParameter(1, id.toString()).getSingleResult();
    }

    /** Operations: rebuilds (restart: from the first stream, not from where a stopped rebuild was) the case list from the event store. */
    public RebuildProgress rebuildList(boolean restart) {
        return projections.rebuild(LIST, restart);
    }

    public CaseView get(UUID id) {
        return view(id, cases.load(id.toString()));
    }

    /** The case as the system knew it at {@code instant}. */
    public CaseView getAsOf(UUID id, Instant instant) {
        return view(id, cases.loadAsOf(id.toString(), instant));
    }

    /** The case just after its {@code version}-th event; not found when it has no such event (yet). */
    public CaseView getAtVersion(UUID id, long version) {
        Loaded<Complaint> loaded = cases.loadUpToVersion(id.toString(), version);
        if (loaded.version() != version) {
            throw new ComplaintNotFound(id); // as the refund cases, orders, tasks and surveys answer it
        }
        return view(id, loaded);
    }

    /** Every event of the case, oldest first, with its metadata. */
    public List<StoredEvent> history(UUID id) {
        List<StoredEvent> events = store.load(id.toString());
        if (events.isEmpty()) {
            throw new ComplaintNotFound(id);
        }
        return events;
    }

    private CaseView view(UUID id, Loaded<Complaint> loaded) {
        if (!loaded.state().exists()) {
            throw new ComplaintNotFound(id);
        }
        Instant now = clock.instant();
        return new CaseView(loaded.state(), loaded.version(), QuarkusTransaction.joiningExisting().call(() -> personalData(id)),
                false, sla.clocks(loaded.state(), now), sla.escalationDeadlines(loaded.state(), now));
    }

    private PersonalData personalData(UUID id) {
        PersonalDetails p = PersonalDetails.findById(id);
        if (p == null) {
            return PersonalData.NONE;
        }
        return vault.decryptorFor(p.customerRef)
                .map(d -> new PersonalData(d.decrypt(p.nameEnc), d.decrypt(p.phoneEnc), d.decrypt(p.idNumberEnc),
                        d.decrypt(p.descriptionEnc), false))
                .orElse(PersonalData.ERASED);
    }

    /**
     * Erases a customer's personal data everywhere by deleting their key. Their cases, and the history of each, stay
     * as they are. False when the service has never held personal data of this customer.
     */
    @Transactional
    public boolean erase(String customerRef, Caller caller) {
        boolean known = PersonalDetails.count("customerRef", customerRef) > 0 || vault.isErased(customerRef);
        if (!known) {
            return false;
        }
        Instant at = clock.instant();
        if (!vault.isErased(customerRef)) {
            // the other services learn of it from the event store, like everything else (no dual write): a new stream,
            // written first in this transaction
            String payload = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("customerRef", customerRef).put("erasedAt", at.toString())
                    .toString();
            store.append("customer-erasure:" + customerRef, EventStore.NEW_STREAM,
                    List.of(new NewEvent(UUID.randomUUID(), ComplaintEventTypes.CUSTOMER_ERASED, payload, at)),
                    new EventMetadata(null, caller.actor(), caller.correlationId(), null));
        }
        vault.erase(customerRef, caller.actor(), at);
        return true;
    }

    private EventMetadata metadata(String branchId, Caller caller) {
        return new EventMetadata(branchId, caller.actor(), caller.correlationId(), null);
    }

    private static String sha256(String text) {
        return clinic.eventstore.domain.Sha256.hex(text);
    }
}
