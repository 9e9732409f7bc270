package clinic.hq.application;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The days a measure covers, {@code from} and {@code to} both included, in the chain's time zone; {@code branches}
 * null for the whole chain (as far as the caller may see), else the branches counted.
 */
public record Period(LocalDate from, LocalDate to, ZoneId zone, java.util.List<String> branches) {

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
