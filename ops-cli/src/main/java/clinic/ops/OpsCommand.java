package clinic.ops;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every subcommand shares: the global options (on the root command), stdout and stderr as picocli has them (so
 * tests capture them), and one way of failing: a sentence on stderr and exit code 1, whatever runs the command.
 */
abstract class OpsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    ClinicOps ops() {
        return (ClinicOps) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return ops().json;
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (ParameterException usage) {
            throw usage; // picocli prints it with the usage, exit code 2
        } catch (OpsException e) {
            err().println(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err().println("error: interrupted");
            return 1;
        } catch (Exception e) {
            err().println("error: " + Errors.describe(e));
            return 1;
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** The command's work; its exit code. */
    abstract int run() throws Exception;

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
