package clinic.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay's publish delay (an event's commit to the broker's acknowledgement) as complaint-service itself measures
 * it: the Prometheus histogram {@code clinic_relay_publish_delay_seconds} on /q/metrics. Two scrapes around a phase
 * give that phase's buckets; a percentile is the upper bound of the bucket it falls in.
 */
final class RelayDelay {

    static final String METRIC = "clinic_relay_publish_delay_seconds_bucket";
    private static final Pattern BUCKET = Pattern.compile(
            "^" + METRIC + "\\{[^}]*le=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+-]+)");

    /** Cumulative counts by upper bound (+Inf last), summed over every label set; empty if the metric is not served. */
    record Buckets(TreeMap<Double, Double> cumulative) {
        Buckets minus(Buckets earlier) {
            TreeMap<Double, Double> delta = new TreeMap<>();
            cumulative.forEach((le, n) -> delta.put(le, n - earlier.cumulative.getOrDefault(le, 0.0)));
            return new Buckets(delta);
        }

        double count() {
            return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        }

        /** The upper bound (seconds) of the bucket holding the {@code p}th percentile. */
        double percentile(double p) {
            double target = count() * p / 100.0;
            for (Map.Entry<Double, Double> b : cumulative.entrySet()) {
                if (b.getValue() >= target) {
                    return b.getKey();
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    private RelayDelay() {
    }

    static Optional<Buckets> scrape(String serviceUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            TreeMap<Double, Double> cumulative = new TreeMap<>();
            for (String line : response.body().split("\n")) {
                Matcher m = BUCKET.matcher(line);
                if (m.find()) {
                    double le = "+Inf".equals(m.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                    cumulative.merge(le, Double.parseDouble(m.group(2)), Double::sum);
                }
            }
            return cumulative.isEmpty() ? Optional.empty() : Optional.of(new Buckets(cumulative));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** "p50 ≤ X ms, p99 ≤ Y ms (n events)" for what happened between the scrapes, or why there is nothing to say. */
    static String between(Optional<Buckets> before, Optional<Buckets> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "n/a (metric not served)";
        }
        Buckets phase = after.get().minus(before.get());
        if (phase.count() == 0) {
            return "n/a (no event published during the phase)";
        }
        return String.format("p50 ≤ %s, p99 ≤ %s (%.0f events)", ms(phase.percentile(50)), ms(phase.percentile(99)),
                phase.count());
    }

    private static String ms(double seconds) {
        return Double.isInfinite(seconds) ? "+Inf" : String.format("%.1f ms", seconds * 1000);
    }
}
