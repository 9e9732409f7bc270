package clinic.hq;

import clinic.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against the JVM's one dev-stack: real PostgreSQL and Kafka. */
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "insights"))
public class DevStackDatabase {
}
