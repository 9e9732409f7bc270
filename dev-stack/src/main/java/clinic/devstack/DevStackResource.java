package clinic.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared {@link DevStack}. Init arg {@code database} names the service's
 * database. The service trusts {@link TestTokens}, and the test's RestAssured requests carry its default token. The stack is started on first use and outlives Quarkus restarts between test classes.
 */
public class DevStackResource implements QuarkusTestResourceLifecycleManager {

    private String database = "eventstore";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        DevStack stack = DevStack.shared();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", stack.jdbcUrl(database));
        config.put("quarkus.datasource.username", PostgresServer.SUPERUSER);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        config.put("kafka.bootstrap.servers", stack.bootstrapServers());
        // the service trusts the test key's tokens, and every RestAssured call of the test carries the default one
        config.putAll(TestTokens.serviceConfig());
        if (onClassPath("io.restassured.RestAssured")) { // a module whose tests call no endpoint has no RestAssured
            RestAssuredTokens.install();
        }
        return config;
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, DevStackResource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void stop() {
        // the stack lives as long as the test JVM: see DevStack.shared()
    }
}
