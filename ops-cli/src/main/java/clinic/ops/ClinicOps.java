package clinic.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code clinic-ops}, the operations team's command line: a case's history across the services, an aggregate as it
 * was, read-model rebuilds, relay redrives, dead letters and lag. The options here are the services' addresses, Kafka's
 * and how to sign in; every subcommand takes them too (picocli's inherited options).
 */
@Command(name = "clinic-ops", mixinStandardHelpOptions = true, versionProvider = ClinicOps.Version.class,
        description = "The operations team's tool for the clinic case-handling services and their Kafka topics.%n",
        subcommands = {HistoryCommand.class, StateAtCommand.class, RebuildCommand.class, RedriveCommand.class,
                DeadLettersCommand.class, LagCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nSigning in:%n",
        footer = {"  --token (or CLINIC_TOKEN) is sent as it is. Otherwise --user and --password",
                "  (CLINIC_USER, CLINIC_PASSWORD) sign in at --issuer, once per run, with the",
                "  password grant of the client clinic-cli. On ./run-local operations' user is",
                "  ops.zhou, password ops.zhou-local.",
                "",
                "Exit codes: 0 done, 1 failed (a service or Kafka said no, or could not be reached), 2 wrong usage.",
                "",
                "Run clinic-ops COMMAND --help for a command's own options."})
public class ClinicOps implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--complaint-service", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:CLINIC_COMPLAINT_SERVICE:-http://localhost:8081}",
            description = "complaint-service (env CLINIC_COMPLAINT_SERVICE)%ndefault ${DEFAULT-VALUE}")
    String complaintService;

    @Option(names = "--refund-service", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:CLINIC_REFUND_SERVICE:-http://localhost:8082}",
            description = "refund-service (env CLINIC_REFUND_SERVICE)%ndefault ${DEFAULT-VALUE}")
    String refundService;

    @Option(names = "--followup-service", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:CLINIC_FOLLOWUP_SERVICE:-http://localhost:8083}",
            description = "followup-service (env CLINIC_FOLLOWUP_SERVICE)%ndefault ${DEFAULT-VALUE}")
    String followupService;

    @Option(names = "--hq-service", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:CLINIC_HQ_SERVICE:-http://localhost:8084}",
            description = "hq-service (env CLINIC_HQ_SERVICE)%ndefault ${DEFAULT-VALUE}")
    String hqService;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka (env KAFKA_BOOTSTRAP_SERVERS)%ndefault ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT, defaultValue = "${env:CLINIC_TOKEN}",
            description = "a bearer token to send (env CLINIC_TOKEN); takes precedence over --user")
    String token;

    @Option(names = "--user", paramLabel = "USERNAME", scope = ScopeType.INHERIT, defaultValue = "${env:CLINIC_USER}",
            description = "sign in as this user (env CLINIC_USER)")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", scope = ScopeType.INHERIT, arity = "0..1", interactive = true,
            defaultValue = "${env:CLINIC_PASSWORD}",
            description = "the user's password (env CLINIC_PASSWORD); --password alone asks for it")
    String password;

    @Option(names = "--issuer", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:CLINIC_ISSUER:-http://localhost:8180/realms/clinic}",
            description = "the identity provider's realm (env CLINIC_ISSUER)%ndefault ${DEFAULT-VALUE}")
    String issuer;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "machine-readable output (JSON) where the command has it")
    boolean json;

    private ServiceClient client;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Say which command to run.");
    }

    /** The base URL of a service, without a trailing slash. */
    String url(Service service) {
        String url = switch (service) {
            case complaint -> complaintService;
            case refund -> refundService;
            case followup -> followupService;
            case hq -> hqService;
        };
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The option that sets a service's address, for messages. */
    static String option(Service service) {
        return "--" + service.name() + "-service";
    }

    /** The HTTP client of this run, signed in as the options say (the token is asked for once, on first use). */
    synchronized ServiceClient client() {
        if (client == null) {
            client = new ServiceClient(this, new Tokens(token, user, password, issuer));
        }
        return client;
    }

    Kafka kafka() {
        return new Kafka(bootstrapServers);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClinicOps()).execute(args));
    }

    /** The version the build wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = ClinicOps.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[]{"clinic-ops " + properties.getProperty("version", "(development build)")};
        }
    }
}
