package clinic.devstack;

import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON strings written by hand (dev-stack's launcher has no JSON library on its path): a value quoted with quotes,
 * backslashes and control characters escaped, so that no value can end its string or the document early.
 */
final class JsonText {

    private JsonText() {
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String array(List<String> values) {
        return values.stream().map(JsonText::quote).collect(Collectors.joining(",", "[", "]"));
    }
}
