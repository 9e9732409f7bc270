package clinic.complaint.config;

import clinic.complaint.domain.WarrantyPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.OptionalInt;

/** {@code complaint.*}: policy of the complaint service. */
@ConfigMapping(prefix = "complaint")
public interface ComplaintConfig {

    Warranty warranty();

    /** A branch's after-sales windows over the chain's: {@code complaint.branch-warranty."SH001".free-correction-days}. */
    Map<String, BranchWarranty> branchWarranty();

    PersonalData personalData();

    interface PersonalData {
        /**
         * The master key (32 bytes, base64) that wraps each customer's key, from the environment
         * ({@code PERSONAL_DATA_MASTER_KEY}). No default here: production refuses to start without it; only the dev and
         * test profiles of {@code application.properties} fall back to a development-only key.
         */
        String masterKey();
    }

    interface BranchWarranty {
        OptionalInt feedbackDays();

        OptionalInt freeCorrectionDays();

        OptionalInt productWarrantyDays();

        OptionalInt guaranteeDays();
    }

    /** The after-sales windows of {@code branchId}: each from the branch's settings when it has it, else the chain's. */
    default WarrantyPolicy warrantyFor(String branchId) {
        Warranty chain = warranty();
        BranchWarranty branch = branchId == null ? null : branchWarranty().get(branchId);
        if (branch == null) {
            return chain.policy();
        }
        return new WarrantyPolicy(branch.feedbackDays().orElse(chain.feedbackDays()),
                branch.freeCorrectionDays().orElse(chain.freeCorrectionDays()),
                branch.productWarrantyDays().orElse(chain.productWarrantyDays()),
                branch.guaranteeDays().orElse(chain.guaranteeDays()));
    }

    /** After-sales windows in days (docs/business.md: feedback 3, free correction 7, product warranty 90, guarantee 365). */
    interface Warranty {
        @WithDefault("3")
        int feedbackDays();

        @WithDefault("7")
        int freeCorrectionDays();

        @WithDefault("90")
        int productWarrantyDays();

        @WithDefault("365")
        int guaranteeDays();

        default WarrantyPolicy policy() {
            return new WarrantyPolicy(feedbackDays(), freeCorrectionDays(), productWarrantyDays(), guaranteeDays());
        }
    }
}
