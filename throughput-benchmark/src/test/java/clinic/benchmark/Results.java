package clinic.benchmark;

import java.util.ArrayList;
import java.util.List;

/** The run's figures as one table: measure | product | anchor | ratio (product over anchor, or over the target). */
final class Results {

    record Row(String measure, String product, String anchor, String ratio) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** Adds a row and prints it at once, so that a run that stops halfway has still said what it measured. */
    synchronized void add(String measure, String product, String anchor, String ratio) {
        Row row = new Row(measure, product, anchor, ratio);
        rows.add(row);
        System.out.println("throughput: " + line(row));
    }

    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("measure | product | anchor | ratio");
        rows.forEach(r -> lines.add(line(r)));
        return lines;
    }

    /** The table with its columns aligned, for the console. */
    synchronized String table() {
        int[] width = {7, 7, 6, 5};
        for (Row r : rows) {
            width[0] = Math.max(width[0], r.measure().length());
            width[1] = Math.max(width[1], r.product().length());
            width[2] = Math.max(width[2], r.anchor().length());
            width[3] = Math.max(width[3], r.ratio().length());
        }
        String format = "%-" + width[0] + "s | %-" + width[1] + "s | %-" + width[2] + "s | %s%n";
        StringBuilder out = new StringBuilder(String.format(format, "measure", "product", "anchor", "ratio"));
        out.append("-".repeat(width[0] + width[1] + width[2] + width[3] + 9)).append('\n');
        rows.forEach(r -> out.append(String.format(format, r.measure(), r.product(), r.anchor(), r.ratio())));
        return out.toString();
    }

    private static String line(Row r) {
        return r.measure() + " | " + r.product() + " | " + r.anchor() + " | " + r.ratio();
    }

    static String ratio(double product, double anchor) {
        return Double.isFinite(product) && Double.isFinite(anchor) && anchor > 0 ? String.format("%.3f", product / anchor) : "—";
    }
}
