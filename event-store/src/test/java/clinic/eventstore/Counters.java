package clinic.eventstore;

import clinic.eventstore.api.NotFound;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A small aggregate for the event store's own tests: a counter that is opened once and then added to, with a read
 * model ({@code test_counters}) that keeps each counter's total. It refuses to open twice, like a refund case.
 */
public final class Counters {

    public sealed interface Command {
    }

    public record Open(String id) implements Command {
    }

    public record Add(int amount) implements Command {
    }

    public sealed interface Event {
    }

    public record Opened(String id) implements Event {
    }

    public record Added(int amount) implements Event {
    }

    public record Counter(String id, int total) {
        static final Counter NONE = new Counter(null, 0);
    }

    public static class AlreadyOpen extends clinic.eventstore.domain.RuleBroken {
        AlreadyOpen(String id) {
            super("id", "counter " + id + " is open already");
        }
    }

    public static class CounterNotFound extends NotFound {
        CounterNotFound(String id) {
            super("counter-not-found", "no counter " + id);
        }
    }

    static List<Event> decide(Command command, Counter state) {
        return switch (command) {
            case Open o when state.id() != null -> throw new AlreadyOpen(o.id());
            case Open o -> List.of(new Opened(o.id()));
            case Add a when a.amount() == 0 -> List.of();
            case Add a -> List.of(new Added(a.amount()));
        };
    }

    static Counter evolve(Counter state, Event event) {
        return switch (event) {
            case Opened o -> new Counter(o.id(), 0);
            case Added a -> new Counter(state.id(), state.total() + a.amount());
        };
    }

    public static EventTypeRegistry<Event> types() {
        return EventTypeRegistry.<Event>builder()
                .register("test-counter.opened.v1", Opened.class)
                .register("test-counter.added.v1", Added.class)
                .build(new ObjectMapper());
    }

    public static Decider<Command, Event, Counter> decider() {
        return new Decider<>(Counters::decide, Counters::evolve, Counter.NONE);
    }

    /** The read model: one row per counter with its total at a version, newer versions winning. */
    public static ReadModel<Counter> table(AgroalDataSource dataSource) {
        execute(dataSource, "create table if not exists test_counters (id text primary key, total int not null, "
                + "version bigint not null)");
        return (state, version, now) -> execute(dataSource, "insert into test_counters (id, total, version) values ('"
                + state.id() + "', " + state.total() + ", " + version + ") on conflict (id) do update "
                + "set total = excluded.total, version = excluded.version where test_counters.version <= excluded.version");
    }

    /** The read model's total of {@code id}, or null without a row. */
    public static Integer total(AgroalDataSource dataSource, String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select total from test_counters where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(AgroalDataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pipeline of counters over the test service's store, with its read model registered as {@code name}. */
    public static CommandPipeline<Command, Event, Counter> pipeline(CommandPipelines pipelines, AgroalDataSource dataSource,
                                                                   String name) {
        return pipelines.define("counter", types(), decider(), CounterNotFound::new).readModel(name, table(dataSource));
    }

    private Counters() {
    }
}
