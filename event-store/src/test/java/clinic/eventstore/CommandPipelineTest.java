package clinic.eventstore;

import clinic.eventstore.Counters.Add;
import clinic.eventstore.Counters.Open;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class CommandPipelineTest {

    @Inject
    CommandPipelines pipelines;
    @Inject
    EventStore store;
    @Inject
    AgroalDataSource dataSource;

    CommandPipeline<Counters.Command, Counters.Event, Counters.Counter> counters;

    static EventMetadata meta() {
        return new EventMetadata("SH001", "staff:42", UUID.randomUUID(), null);
    }

    @BeforeEach
    void pipeline() {
        counters = Counters.pipeline(pipelines, dataSource, "test-counters");
    }

    private String open() {
        String id = "counter-" + UUID.randomUUID();
        counters.on(id).expecting(Expected.noStream()).by(meta()).decide(new Open(id));
        return id;
    }

    @Test
    void a_command_is_decided_on_the_stream_as_stored_and_its_read_model_written_with_it() {
        String id = open();
        var result = counters.on(id).by(meta()).decide(new Add(5));

        assertThat(result.version()).isEqualTo(2);
        assertThat(result.state().total()).isEqualTo(5);
        assertThat(Counters.total(dataSource, id)).isEqualTo(5);
    }

    @Test
    void a_stream_keeps_the_correlation_it_began_with_whatever_a_later_step_is_sent_with() {
        String id = open();
        UUID began = store.load(id).getFirst().correlationId();

        // a request with another X-Correlation-Id, a scheduler's fresh one: the case's correlation wins
        counters.on(id).by(meta()).decide(new Add(1));
        counters.on(id).by(new EventMetadata("SH001", "scheduler", UUID.randomUUID(), null)).decide(new Add(2));

        assertThat(store.load(id)).hasSize(3).allSatisfy(e -> assertThat(e.correlationId()).isEqualTo(began));
        assertThat(store.load(id).get(2).actor()).isEqualTo("scheduler");
        assertThat(store.loadCorrelated(began, 100)).extracting(StoredEvent::version).containsExactly(1, 2, 3);
    }

    @Test
    void opening_what_is_open_is_refused_by_the_domain_rule_not_passed_over() {
        String id = open();

        // the decider sees the stream as it is (the refund case that is open already), not an initial state
        assertThatThrownBy(() -> counters.on(id).expecting(Expected.noStream()).by(meta()).decide(new Open(id)))
                .isInstanceOf(Counters.AlreadyOpen.class);
        assertThat(store.currentVersion(id)).isEqualTo(1);
    }

    @Test
    void each_expectation_is_checked_before_anything_is_appended() {
        String id = open();
        String missing = "counter-" + UUID.randomUUID();

        assertThatThrownBy(() -> counters.on(missing).by(meta()).decide(new Add(1)))
                .isInstanceOf(Counters.CounterNotFound.class);
        assertThatThrownBy(() -> counters.on(id).expecting(Expected.at(7L)).by(meta()).decide(new Add(1)))
                .isInstanceOf(StaleVersion.class);
        assertThat(counters.on(missing).by(meta()).decideIfExists(s -> new Add(1))).isEmpty();
        assertThat(store.currentVersion(missing)).isZero();
        assertThat(counters.on(id).expecting(Expected.at(1L)).by(meta()).decide(new Add(1)).version()).isEqualTo(2);
    }

    @Test
    void what_fails_after_the_append_takes_the_events_and_the_read_model_back_with_it() {
        String id = open();

        assertThatThrownBy(() -> counters.on(id).by(meta()).alongside(r -> {
            throw new IllegalStateException("storing the notes failed");
        }).decide(new Add(3))).hasMessageContaining("notes");

        assertThat(store.currentVersion(id)).isEqualTo(1);
        assertThat(Counters.total(dataSource, id)).isZero();
    }

    @Test
    void concurrent_commands_without_a_version_are_all_decided_in_turn() throws Exception {
        String id = open();
        int writers = 3;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            done.add(pool.submit(() -> {
                go.await();
                return counters.on(id).by(meta()).decide(new Add(1));
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(counters.load(id).state().total()).isEqualTo(writers);
        assertThat(Counters.total(dataSource, id)).isEqualTo(writers);
    }

    @Test
    void a_command_that_decides_nothing_writes_nothing() {
        String id = open();
        var result = counters.on(id).by(meta()).decide(new Add(0));

        assertThat(result.changed()).isFalse();
        assertThat(store.currentVersion(id)).isEqualTo(1);
    }

    @Test
    void inside_a_transaction_the_pipeline_joins_it_and_its_owner_decides_the_outcome() {
        String id = open();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            counters.on(id).by(meta()).decide(new Add(2));
            throw new IllegalStateException("the consumer's effect failed after the append");
        })).hasMessageContaining("effect failed");

        assertThat(store.currentVersion(id)).isEqualTo(1);
    }
}
