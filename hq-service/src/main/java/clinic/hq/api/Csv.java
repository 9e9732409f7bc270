package clinic.hq.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 text for the CSV exports: every cell quoted when it needs to be, and a cell that a spreadsheet would take
 * for a formula (starting with = + - @ and not a number) prefixed with an apostrophe.
 */
final class Csv {

    private Csv() {
    }

    static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
