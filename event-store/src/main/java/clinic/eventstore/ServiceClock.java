package clinic.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * Each service's one clock: the domain never reads one, the application passes the time in commands (and tests
 * replace it with {@code QuarkusMock}). {@code clinic.clock.shift} moves it (for example {@code P15D}) for operations
 * drills and the system tests that prove due work fires after a restart; it is never set in production, and the
 * service warns when it is.
 */
public class ServiceClock {

    private static final Logger LOG = Logger.getLogger(ServiceClock.class);

    @Produces
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "clinic.clock.shift", defaultValue = "PT0S") Duration shift) {
        if (shift.isZero()) {
            return Clock.systemUTC();
        }
        LOG.warnf("the clock is shifted by %s (clinic.clock.shift): for drills and tests only", shift);
        return Clock.offset(Clock.systemUTC(), shift);
    }
}
