package clinic.devstack;

import java.util.HashMap;
import java.util.Map;

/**
 * The operations of a service's OpenAPI document by {@code operationId}, each as {@code "POST /complaints/{id}/agree"}:
 * what the tests that check every advertised step has its operation compare against. {@code paths} is the document's
 * {@code paths} object as a JSON library reads it into maps (RestAssured's {@code jsonPath().getMap("paths")}).
 */
public final class OpenApiOperations {

    private OpenApiOperations() {
    }

    public static Map<String, String> byOperationId(Map<String, ?> paths) {
        Map<String, String> operations = new HashMap<>();
        paths.forEach((path, item) -> {
            if (item instanceof Map<?, ?> methods) {
                methods.forEach((method, operation) -> {
                    if (operation instanceof Map<?, ?> op && op.get("operationId") instanceof String id) {
                        operations.put(id, method.toString().toUpperCase() + " " + path);
                    }
                });
            }
        });
        return operations;
    }
}
