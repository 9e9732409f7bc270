package clinic.complaint.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** {@code complaint.*}: policy of the complaint service. */
@ConfigMapping(prefix = "complaint")
public interface ComplaintConfig {

    /** The chain's time zone: it decides the year in a case number. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();
}
