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

    /** The service's running process. */
    static Optional<ProcessHandle> processOf(ServiceProcess service) {
        return service.processHandle().filter(ProcessHandle::isAlive);
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
