package clinic.ops;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** {@code state-at KIND ID --at INSTANT | --version N}: an aggregate as it was, rebuilt by its service from its events. */
@Command(name = "state-at",
        header = "An aggregate as it was at a moment or after one of its versions.",
        description = "The complaint, refund, purchase, follow-up task or survey as it was at a moment (--at) or just "
                + "after one of its versions (--version), rebuilt by its service from its events, pretty-printed. "
                + "For a survey, ID is the complaint's id. --json prints the service's answer as it is.")
final class StateAtCommand extends OpsCommand {

    /** What can be looked at, and where (lower-case: as typed). */
    enum Kind { complaint, refund, purchase, task, survey }

    @Parameters(index = "0", paramLabel = "KIND", description = "one of: ${COMPLETION-CANDIDATES}")
    Kind kind;

    @Parameters(index = "1", paramLabel = "ID", description = "the aggregate's id (a survey: its complaint's id)")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    When when;

    static final class When {
        @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
                description = "a moment, ISO-8601: 2026-11-22T08:00:00Z or 2026-11-22T16:00:00+08:00")
        Instant at;

        @Option(names = "--version", paramLabel = "N", description = "the aggregate's version (1: after its first event)")
        Long version;
    }

    @Override
    int run() throws Exception {
        if (when.version != null && when.version < 0) {
            throw usage("--version must be 0 or more, not " + when.version);
        }
        String query = when.at != null ? "asOf=" + ServiceClient.encode(when.at.toString()) : "version=" + when.version;
        String id = ServiceClient.encode(this.id);
        Service service;
        String path;
        switch (kind) {
            case complaint -> { service = Service.complaint; path = "/complaints/" + id + "?" + query; }
            case refund -> { service = Service.refund; path = "/refunds/" + id + "?" + query; }
            case purchase -> { service = Service.refund; path = "/purchases/" + id + "?" + query; }
            case task -> { service = Service.followup; path = "/followups/" + id + "?" + query; }
            case survey -> { service = Service.followup; path = "/surveys?complaintId=" + id + "&" + query; }
            default -> throw new IllegalStateException(kind.name());
        }
        String body = ops().client().get(service, path);
        out().println(json() ? body.strip() : Json.pretty(Json.read(body, service.serviceName())));
        return 0;
    }

    /** An instant, or a date-time with an offset (taken as the instant it names). */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e) {
                    throw new CommandLine.TypeConversionException("'" + value
                            + "' is not a moment: give it as ISO-8601, e.g. 2026-11-22T08:00:00Z or 2026-11-22T16:00:00+08:00");
                }
            }
        }
    }
}
