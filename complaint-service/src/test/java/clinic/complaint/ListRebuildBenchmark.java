package clinic.complaint;

import clinic.complaint.application.ComplaintService;
import clinic.complaint.application.ComplaintService.Caller;
import clinic.complaint.application.ComplaintService.Filing;
import clinic.complaint.domain.AssessmentResult;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Channel;
import clinic.complaint.domain.ComplaintCommand;
import clinic.complaint.domain.ComplaintEvent;
import clinic.complaint.domain.EscalationBody;
import clinic.complaint.domain.EvidenceType;
import clinic.complaint.domain.Party;
import clinic.complaint.domain.Remedy;
import clinic.complaint.domain.Severity;
import clinic.complaint.domain.Subject;
import clinic.complaint.domain.WaitReason;
import clinic.devstack.Benchmarks;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.StoredEvent;
import clinic.eventstore.domain.Money;
import clinic.eventstore.projection.ProjectionRunner;
import clinic.eventstore.projection.RebuildProgress;
import clinic.eventstore.relay.RelayConfig;
import clinic.eventstore.security.BranchGuard;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast the case list ({@code complaint-list}) is rebuilt from a store of a million complaint events, against how
 * fast plain JDBC reads and parses the same rows on the same machine. A few cases are taken through their lives by the
 * application layer ({@link ComplaintService}: filed, acknowledged, assessed, investigated, remedies, agreements,
 * waits, escalations, 4 to 11 events each); their streams are then cloned in SQL (new stream, event and correlation
 * ids, the complaint id and case number in the payloads replaced, a {@code streams} row per clone) up to at least
 * {@code -Dbenchmark.events} events (1,000,000), with the relay's checkpoint moved past them in the same transaction
 * (the relay publishes nothing of them). Then, in the same run: (a) plain JDBC reads every event of the complaint
 * streams, ordered by stream and version with a fetch size, and parses each payload with Jackson ({@code readTree});
 * (b) {@link ProjectionRunner#rebuild} of the list from the first stream (every row new); then two more rebuilds over
 * the rows written, in batches of 200 streams and of the runner's size. Prints the rates and the ratio and writes them
 * to BENCHMARKS.md (the runner logs where each rebuild's time went: reading, folding, writing, the rest). The cloned
 * rows are removed afterwards (the other tests of the JVM share the database). Tagged {@code benchmark}:
 * {@code ./mvnw verify -pl complaint-service -Pbenchmarks -Dtest=ListRebuildBenchmark}. Asserts only that every case
 * has its row, the rows of the cases taken through their lives as their live steps wrote them, and every clone's equal
 * to its template's.
 */
@QuarkusTest
@Tag("benchmark")
class ListRebuildBenchmark {

    static final long EVENTS = Long.getLong("benchmark.events", 1_000_000);
    /** The aim: the rebuild at least this share of the plain JDBC rate. */
    static final double AIM = 0.6;
    /** The batch size the second rebuild is measured with ({@code -Dbenchmark.other-batch}). */
    static final int OTHER_BATCH = Integer.getInteger("benchmark.other-batch", 200);

    @Inject
    ComplaintService complaints;
    @Inject
    ProjectionRunner projections;
    @Inject
    AgroalDataSource db;
    @Inject
    RelayConfig relay;
    @Inject
    EventTypeRegistry<ComplaintEvent> registry;

    final ObjectMapper mapper = new ObjectMapper();
    final String run = UUID.randomUUID().toString().substring(0, 6);
    final Caller caller = new Caller("staff:benchmark", UUID.randomUUID(), BranchGuard.ANY_BRANCH);

    @Test
    void the_case_list_is_rebuilt_from_a_million_events_near_the_rate_plain_jdbc_reads_them() throws Exception {
        String load = loadAverage();
        List<UUID> templates = takeCasesThroughTheirLives();
        long since = maxStreamPosition();
        try {
            waitForTheRelay();
            long started = System.nanoTime();
            long[] generated = cloneUpTo(templates, EVENTS);
            double generation = (System.nanoTime() - started) / 1e9;
            System.out.printf("benchmark list-rebuild: %,d cloned streams, %,d events in the store, written in %.1f s%n",
                    generated[0], generated[1], generation);

            Set<String> types = registry.types();
            long[] plain = plainJdbc(types);
            double plainRate = plain[0] / (plain[1] / 1e9);
            System.out.printf("benchmark list-rebuild: plain JDBC read and parsed %,d events in %.1f s: %,.0f events/s%n",
                    plain[0], plain[1] / 1e9, plainRate);

            List<String> writtenLive = rows(templates);
            started = System.nanoTime();
            RebuildProgress rebuilt = projections.rebuild(ComplaintService.LIST, true);
            double wall = (System.nanoTime() - started) / 1e9;
            System.out.printf("benchmark list-rebuild: %s in %.1f s%n", rebuilt.describe(), wall);

            assertThat(rebuilt.finished()).isTrue();
            assertThat(rebuilt.eventsDone()).isEqualTo(plain[0]);
            assertThat(rows(templates)).as("the rows a rebuild writes are those the live steps wrote")
                    .isEqualTo(writtenLive);
            assertEveryCloneHasItsTemplatesRow(since, templates);

            // again over the rows just written (every row rewritten): batches of another size, then the runner's
            double[] other = timedRebuild(OTHER_BATCH);
            double[] again = timedRebuild(ProjectionRunner.BATCH_STREAMS);
            assertEveryCloneHasItsTemplatesRow(since, templates);

            double rate = rebuilt.eventsPerSecond();
            double ratio = rate / plainRate;
            Benchmarks.record("list-rebuild", "Rebuild of the case list (complaint-list) from a million events "
                    + "(ListRebuildBenchmark; ./mvnw verify -pl complaint-service -Pbenchmarks -Dtest=ListRebuildBenchmark)",
                    List.of(String.format("%,d complaint events in %,d streams (%d cases taken through their lives by "
                                            + "the service, cloned in SQL; written in %.0f s)", plain[0],
                                    rebuilt.streamsDone(), templates.size(), generation),
                            String.format("plain JDBC, the same rows ordered by stream and version (fetch size %d), each "
                                    + "payload parsed with Jackson (readTree): %,.0f events/s (%.1f s)", FETCH,
                                    plainRate, plain[1] / 1e9),
                            String.format("ProjectionRunner.rebuild(\"complaint-list\", restart), %d streams a batch, "
                                            + "every row new, the SLA clocks of every case read: %,.0f events/s (%.1f s)",
                                    ProjectionRunner.BATCH_STREAMS, rate, wall),
                            String.format("rebuild / plain JDBC: %.0f %% (aim: at least %.0f %%)", ratio * 100,
                                    AIM * 100),
                            "load average (1, 5, 15 minutes) when the run began: " + load + ", on "
                                    + Runtime.getRuntime().availableProcessors() + " cores",
                            String.format("again, every row rewritten: %,.0f events/s with %d streams a batch, %,.0f "
                                            + "events/s with %d (%.0f %% of plain JDBC)", other[0], OTHER_BATCH, again[0],
                                    ProjectionRunner.BATCH_STREAMS, again[0] * 100 / plainRate)));
        } finally {
            removeClones(since);
        }
    }

    static final int FETCH = 2_000;

    /** A rebuild from the first stream in batches of {@code batchStreams}: {events/s, seconds}. */
    private double[] timedRebuild(int batchStreams) {
        long started = System.nanoTime();
        RebuildProgress done = projections.rebuild(ComplaintService.LIST, true, batchStreams, progress -> {
        });
        double wall = (System.nanoTime() - started) / 1e9;
        System.out.printf("benchmark list-rebuild: %s in %.1f s (%d streams a batch)%n", done.describe(), wall,
                batchStreams);
        assertThat(done.finished()).isTrue();
        return new double[]{done.eventsPerSecond(), wall};
    }

    /** (a) every event of the streams the rebuild reads, as the store reads them, each payload parsed; {events, nanos}. */
    private long[] plainJdbc(Set<String> types) throws Exception {
        long started = System.nanoTime();
        long events = 0;
        long fields = 0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false); // a cursor: the driver fetches FETCH rows at a time
            try (PreparedStatement ps = c.prepareStatement("select " + EventStore.COLUMNS + " from events "
                    + "where stream_id in (select stream_id from streams where type = any(?)) order by stream_id, version")) {
                ps.setArray(1, c.createArrayOf("text", types.toArray()));
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StoredEvent e = EventStore.read(rs);
                        fields += mapper.readTree(e.payload()).size();
                        events++;
                    }
                }
            }
            c.commit();
        }
        assertThat(fields).isPositive();
        return new long[]{events, System.nanoTime() - started};
    }

    // ---- the data ---------------------------------------------------------------------------------------------

    /** Cases in many shapes, each taken through its life by the application layer as staff would. */
    private List<UUID> takeCasesThroughTheirLives() {
        List<UUID> ids = new ArrayList<>();
        Category[] categories = {Category.TREATMENT_RESULT, Category.SERVICE_ATTITUDE, Category.PRODUCT_QUALITY,
                Category.BILLING_PRICE, Category.PREPAID_BALANCE, Category.PRIVACY};
        Channel[] channels = {Channel.FRONT_DESK, Channel.PHONE_HOTLINE, Channel.WEBSITE, Channel.SOCIAL_MEDIA};
        for (int k = 0; k < 12; k++) {
            int i = k;
            Category category = categories[i % categories.length];
            UUID id = file("BM" + String.format("%03d", 1 + i % 5), channels[i % channels.length], category, i);
            ids.add(id);
            step(id, ctx -> new ComplaintCommand.AcknowledgeComplaint("staff:li", ctx.now(), ctx.sla()));
            if (i % 6 == 5) {
                // out of scope: a service long ago
                step(id, ctx -> new ComplaintCommand.AssessComplaint(category, Severity.LOW, Subject.SERVICE,
                        ctx.today().minusYears(3), ctx.today(), ctx.warranty(), "staff:li", "staff:li", ctx.now()));
                step(id, ctx -> new ComplaintCommand.CloseOutOfScope("outside the guarantee", "staff:li", ctx.now()));
                continue;
            }
            step(id, ctx -> new ComplaintCommand.AssessComplaint(category, Severity.values()[i % 3],
                    i % 2 == 0 ? Subject.SERVICE : Subject.PRODUCT, ctx.today().minusDays(2 + i), ctx.today(),
                    ctx.warranty(), "staff:wang", "staff:li", ctx.now()));
            step(id, ctx -> new ComplaintCommand.StartInvestigation("staff:wang", ctx.now()));
            step(id, ctx -> new ComplaintCommand.AddEvidence(UUID.randomUUID(), EvidenceType.values()[i % 8],
                    "customer", "ab".repeat(32), 20_000 + i, "staff:wang", ctx.now()));
            switch (i % 6) {
                case 0 -> { // an apology, agreed, resolved, closed
                    propose(id, Remedy.APOLOGY, null);
                    step(id, ctx -> new ComplaintCommand.Agree(Remedy.APOLOGY, null, null, ctx.today(), ctx.today(),
                            "staff:wang", ctx.now()));
                    resolveAndClose(id, true);
                }
                case 1 -> { // waits on the customer, a partial refund after a counter-offer
                    step(id, ctx -> new ComplaintCommand.StartWait(WaitReason.CUSTOMER, "photos", "staff:wang", ctx.now()));
                    step(id, ctx -> new ComplaintCommand.EndWait("staff:wang", ctx.now()));
                    propose(id, Remedy.PARTIAL_REFUND, new Money(300_000, "CNY"));
                    step(id, ctx -> new ComplaintCommand.CounterOffer(Party.CUSTOMER, Remedy.PARTIAL_REFUND,
                            new Money(600_000, "CNY"), "the treatment failed", "staff:wang", ctx.now()));
                    step(id, ctx -> new ComplaintCommand.Agree(Remedy.PARTIAL_REFUND, new Money(450_000, "CNY"),
                            "ORIGINAL", ctx.today().plusDays(7), ctx.today(), "staff:wang", ctx.now()));
                    resolveAndClose(id, false);
                }
                case 2 -> { // a third-party assessment, corrective treatment
                    step(id, ctx -> new ComplaintCommand.RequestAssessment("assessor:sh-medical", "staff:wang",
                            ctx.now()));
                    step(id, ctx -> new ComplaintCommand.RecordAssessment(AssessmentResult.AT_FAULT, "at fault",
                            "staff:wang", ctx.now()));
                    propose(id, Remedy.CORRECTIVE_TREATMENT, null);
                    step(id, ctx -> new ComplaintCommand.Agree(Remedy.CORRECTIVE_TREATMENT, null, null,
                            ctx.today().plusDays(3), ctx.today(), "staff:wang", ctx.now()));
                    resolveAndClose(id, true);
                }
                case 3 -> { // escalated to the consumer association, still negotiating
                    step(id, ctx -> new ComplaintCommand.Escalate(UUID.randomUUID(),
                            EscalationBody.CONSUMER_ASSOCIATION, "CA-" + run, null, "staff:wang", ctx.now()));
                    propose(id, Remedy.COMPENSATION, new Money(200_000, "CNY"));
                }
                default -> { // still investigating, waiting on evidence
                    step(id, ctx -> new ComplaintCommand.StartWait(WaitReason.EVIDENCE, "the contract", "staff:wang",
                            ctx.now()));
                }
            }
        }
        return ids;
    }

    private UUID file(String branch, Channel channel, Category category, int i) {
        Filing filing = new Filing(branch, "bench-" + run + "-" + i, "测试客户", "13800000000", "310101199001010000",
                channel, category, "a complaint of the rebuild benchmark, number " + i,
                i % 3 == 0 ? Remedy.FULL_REFUND : Remedy.PARTIAL_REFUND, new Money(1_280_000, "CNY"));
        return complaints.file(filing, null, caller).complaint().id();
    }

    private void step(UUID id, Function<ComplaintService.StepContext, ComplaintCommand> command) {
        complaints.step(id, null, caller, command);
    }

    private void propose(UUID id, Remedy remedy, Money amount) {
        step(id, ctx -> new ComplaintCommand.ProposeRemedy(remedy, amount, "proposed", "staff:wang", ctx.now()));
    }

    private void resolveAndClose(UUID id, boolean close) {
        step(id, ctx -> new ComplaintCommand.Resolve("remedied", "staff:wang", ctx.now(), ctx.sla()));
        if (close) {
            step(id, ctx -> new ComplaintCommand.Close("staff:wang", ctx.now()));
        }
    }

    /** Waits until the relay has published everything there is: it has nothing in flight while the clones are written. */
    private void waitForTheRelay() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    select not exists (select 1 from events e, outbox_checkpoints c where c.relay = ?
                       and (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position))""")) {
                ps.setString(1, relay.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the relay did not catch up in 60 s");
    }

    /**
     * Clones the templates' streams, round robin, until the store holds at least {@code events} complaint events; in
     * one transaction that also moves the relay's checkpoint past them. Returns {clones, complaint events}.
     */
    private long[] cloneUpTo(List<UUID> templates, long events) throws Exception {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local statement_timeout = 0");
                s.execute("select 1 from outbox_checkpoints where relay = '" + relay.name() + "' for update");
                long have = single(s, "select coalesce(sum(version), 0) from streams where stream_id in ("
                        + quoted(templates) + ")");
                long existing = single(s, "select count(*) from events");
                long perRound = have;
                long clones = Math.max(0, (events - existing + perRound - 1) / perRound) * templates.size();
                s.execute("create temporary table bench_templates on commit drop as select row_number() over "
                        + "(order by position) - 1 as n, stream_id, type, version from streams where stream_id in ("
                        + quoted(templates) + ")");
                s.execute("create temporary table bench_clones on commit drop as select g, gen_random_uuid() as id, "
                        + "gen_random_uuid() as correlation, t.stream_id as template, t.type, t.version "
                        + "from generate_series(0, " + (clones - 1) + ") g join bench_templates t on t.n = g % "
                        + templates.size());
                // the streams first, in the order the clones are numbered: the order a rebuild walks them
                s.execute("insert into streams (stream_id, type, version, last_transaction_id) "
                        + "select id::text, type, version, pg_current_xact_id() from bench_clones order by g");
                s.execute("""
                        insert into events (event_id, stream_id, version, event_type, payload, occurred_at, recorded_at,
                                            branch_id, actor, correlation_id, causation_id, trace_parent)
                        select gen_random_uuid(), c.id::text, e.version, e.event_type,
                               case when e.version = 1
                                    then jsonb_set(jsonb_set(e.payload, '{complaintId}', to_jsonb(c.id::text)),
                                                   '{caseNumber}', to_jsonb('BENCH-' || c.g))
                                    when e.payload ? 'complaintId'
                                    then jsonb_set(e.payload, '{complaintId}', to_jsonb(c.id::text))
                                    else e.payload end,
                               e.occurred_at, e.recorded_at, e.branch_id, e.actor, c.correlation, e.causation_id, null
                        from bench_clones c join events e on e.stream_id = c.template
                        order by c.g, e.version""");
                // the relay publishes nothing of them: its checkpoint is past every row of this transaction
                s.execute("update outbox_checkpoints set last_transaction_id = pg_current_xact_id(), "
                        + "last_position = (select max(global_position) from events), updated_at = now() "
                        + "where relay = '" + relay.name() + "'");
                long total = single(s, "select count(*) from events");
                c.commit();
                c.setAutoCommit(true);
                s.execute("vacuum analyze events");
                s.execute("vacuum analyze streams");
                return new long[]{clones, total};
            }
        }
    }

    private static String quoted(List<UUID> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }

    /** Every clone's row is its template's but for the id and the case number. */
    private void assertEveryCloneHasItsTemplatesRow(long since, List<UUID> templates) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            long streams = single(s, "select count(*) from streams where position > " + since);
            long rows = single(s, "select count(*) from streams s join complaint_list l on l.id::text = s.stream_id "
                    + "where s.position > " + since);
            assertThat(rows).as("a row per cloned case").isEqualTo(streams);
            String columns = "branch_id, status, category, channel, severity, owner, requested_remedy, amount_paid_minor, "
                    + "currency, waiting_on, open_escalations, reopen_count, escalated_externally, escalated_to_hq, "
                    + "filed_at, acknowledged_at, resolved_at, closed_at, sla_state, version";
            long differing = single(s, """
                    with t as (select row_number() over (order by s.position) - 1 as n, l.*
                               from streams s join complaint_list l on l.id::text = s.stream_id
                               where s.stream_id in (%s))
                    select count(*) from complaint_list l join t on t.n = substr(l.case_number, 7)::bigint %% %d
                    where l.case_number like 'BENCH-%%' and row(%s) is distinct from row(%s)"""
                    .formatted(quoted(templates), templates.size(), prefixed("l.", columns), prefixed("t.", columns)));
            assertThat(differing).as("cloned rows unlike their template's").isZero();
        }
    }

    /** The templates' rows, each as text, in the templates' order. */
    private List<String> rows(List<UUID> templates) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select l::text from complaint_list l where id in (" + quoted(templates)
                     + ") order by case_number")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        assertThat(rows).hasSameSizeAs(templates);
        return rows;
    }

    private static String prefixed(String prefix, String columns) {
        return String.join(", ", java.util.Arrays.stream(columns.split(", ")).map(col -> prefix + col).toList());
    }

    /** The machine's load averages (1, 5, 15 minutes) as /proc/loadavg has them, or "unknown". */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private long maxStreamPosition() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            return single(s, "select coalesce(max(position), 0) from streams");
        }
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Removes the clones (their events, streams and rows): the other tests of the JVM share this database and would
     * rebuild them too. Events are append-only; this scratch data goes with the trigger off for this session alone.
     */
    private void removeClones(long since) throws Exception {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local statement_timeout = 0");
                s.execute("set local session_replication_role = replica");
                s.execute("create temporary table bench_gone on commit drop as "
                        + "select stream_id from streams where position > " + since);
                s.execute("delete from complaint_list where id::text in (select stream_id from bench_gone)");
                s.execute("delete from events where stream_id in (select stream_id from bench_gone)");
                s.execute("delete from streams where stream_id in (select stream_id from bench_gone)");
            }
            c.commit();
        }
    }
}
