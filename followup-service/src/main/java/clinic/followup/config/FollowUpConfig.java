package clinic.followup.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code followup.*}: the follow-up policy. */
@ConfigMapping(prefix = "followup")
public interface FollowUpConfig {

    /** How long after a complaint is filed its branch calls the customer back. */
    @WithDefault("PT24H")
    Duration intakeCallbackAfter();
}
