package clinic.eventstore;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class SqlTest {

    @Inject
    AgroalDataSource db;

    @Test
    void statements_run_on_the_transaction_with_instants_and_untyped_nulls_bound_as_the_columns_take_them() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            // a table that lives as long as the transaction: every statement below must be on its connection
            Sql.execute(db, "create temporary table sql_test (id int primary key, n int not null, at timestamptz) on commit drop");
            assertThat(Sql.execute(db, "insert into sql_test values (?, ?, ?), (?, ?, ?)", 1, 7, at, 2, 8, null)).isEqualTo(2);
            assertThat(Sql.execute(db, "update sql_test set n = coalesce(?, n) where id = ?", null, 1)).isEqualTo(1);

            String first = Sql.first(db, "select n, at from sql_test where id = ?",
                    r -> r.getInt(1) + "@" + r.getObject(2, OffsetDateTime.class).toInstant(), 1);
            assertThat(first).isEqualTo("7@" + at);
            Integer none = Sql.first(db, "select n from sql_test where id = ?", r -> r.getInt(1), 3);
            assertThat(none).isNull();
        });
    }

    @Test
    void a_failure_names_the_sql_state_keeps_the_cause_and_does_not_quote_the_values() {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> Sql.execute(db,
                "select cast(? as int)", "customer-0042\u0000secret")))
                .rootCause().isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> Sql.first(db, "select cast(? as int)", r -> r.getInt(1), "customer-0042"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SQL state 22P02")
                .hasMessageNotContaining("customer-0042")
                .cause().isInstanceOf(SQLException.class);
    }
}
