package clinic.benchmark;

import clinic.devstack.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A running service's resident memory, as the kernel counts it (VmRSS): what it costs a machine, heap or not. */
final class Footprint {

    private Footprint() {
    }

    /**
     * The service's process among this JVM's children, found by its jar on the command line (ServiceProcess does not
     * expose its process).
     */
    static Optional<ProcessHandle> processOf(ServiceProcess service) {
        String jar = service.jar().toString();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(jar)).orElse(false)
                        || p.info().arguments().map(a -> String.join(" ", a).contains(jar)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .findFirst();
    }

    /** VmRSS of the service's process in MB, if it can be read (Linux). */
    static Optional<Double> residentMb(ServiceProcess service) {
        return processOf(service).flatMap(p -> {
            try {
                return Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:"))
                        .map(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024.0) // kB
                        .findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
