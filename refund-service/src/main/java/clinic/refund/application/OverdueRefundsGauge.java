package clinic.refund.application;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * "Refund promised but never paid" on the Prometheus endpoint: how many refund cases are overdue now
 * ({@code clinic_refunds_overdue}) and how many days the oldest is past its due date, for the alert rules. Read from
 * the refund list when Prometheus scrapes (along its partial index of overdue rows); NaN while the database is away.
 */
@ApplicationScoped
public class OverdueRefundsGauge {

    private final AgroalDataSource dataSource;

    public OverdueRefundsGauge(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void register(@Observes StartupEvent ignored, MeterRegistry meters) {
        Gauge.builder("clinic.refunds.overdue", this, g -> g.read("count(*)"))
                .description("Refund cases agreed, past their due date and not fully paid").register(meters);
        Gauge.builder("clinic.refunds.overdue.oldest", this, g -> g.read("coalesce(max(current_date - due_date), 0)"))
                .description("Days the oldest overdue refund is past its due date").baseUnit("days").register(meters);
    }

    private double read(String aggregate) {
        try (Connection c = dataSource.getConnection();
             var ps = c.prepareStatement("select " + aggregate + " from refund_cases where overdue")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
