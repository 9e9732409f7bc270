package clinic.complaint.config;

import clinic.complaint.domain.Category;
import clinic.complaint.domain.Severity;
import clinic.complaint.domain.sla.SlaPolicy;
import clinic.complaint.domain.sla.SlaTargetTime;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code complaint.sla.*}: the SLA targets for the chain, with {@code branch-targets."<id>"} overriding any part of them
 * for one branch. A target is a number of working days ({@code 10}) or elapsed time ({@code PT2H}) of the branch's
 * business calendar ({@code clinic.calendar.*}, shared by every service).
 */
@ConfigMapping(prefix = "complaint.sla")
public interface SlaConfig {

    /** {@code acknowledge.within}, {@code acknowledge.by-category.<CATEGORY>}, {@code acknowledge.by-severity.<SEVERITY>}. */
    Targets acknowledge();

    /** {@code resolve.within}, {@code resolve.by-category.<CATEGORY>}, {@code resolve.by-severity.<SEVERITY>}. */
    Targets resolve();

    /** The share of a target after which a clock is at risk. */
    OptionalDouble atRiskShare();

    /** How often the scheduler looks for warnings that are due. */
    @WithDefault("5s")
    Duration checkEvery();

    /** A branch's targets over the chain's. */
    Map<String, BranchTargets> branchTargets();

    interface Targets {
        Optional<SlaTargetTime> within();

        Map<Category, SlaTargetTime> byCategory();

        Map<Severity, SlaTargetTime> bySeverity();
    }

    interface BranchTargets {
        Targets acknowledge();

        Targets resolve();

        OptionalDouble atRiskShare();
    }

    /** The policy of {@code branchId}: each target from the branch's settings when it has one, else the chain's. */
    default SlaPolicy policyFor(String branchId) {
        SlaPolicy chain = new SlaPolicy(merge(SlaPolicy.DEFAULT.acknowledge(), acknowledge()),
                merge(SlaPolicy.DEFAULT.resolve(), resolve()), atRiskShare().orElse(SlaPolicy.DEFAULT.atRiskShare()));
        BranchTargets branch = branchId == null ? null : branchTargets().get(branchId);
        if (branch == null) {
            return chain;
        }
        return new SlaPolicy(merge(chain.acknowledge(), branch.acknowledge()), merge(chain.resolve(), branch.resolve()),
                branch.atRiskShare().orElse(chain.atRiskShare()));
    }

    private static SlaPolicy.Targets merge(SlaPolicy.Targets under, Targets over) {
        Map<Category, SlaTargetTime> byCategory = new HashMap<>(under.byCategory());
        byCategory.putAll(over.byCategory());
        Map<Severity, SlaTargetTime> bySeverity = new HashMap<>(under.bySeverity());
        bySeverity.putAll(over.bySeverity());
        return new SlaPolicy.Targets(over.within().orElse(under.within()), byCategory, bySeverity);
    }
}
