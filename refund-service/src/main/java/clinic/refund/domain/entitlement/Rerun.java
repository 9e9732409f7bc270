package clinic.refund.domain.entitlement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recorded calculation run again: with the inputs and the parameter set it kept, which must give exactly what was
 * recorded ({@code reproduced}), and with the same inputs under the parameters in force now, compared with the record
 * parameter by parameter, line by line and in its totals. A pure function, like the calculation; it stores nothing.
 *
 * @param recorded             the calculation as it was stored
 * @param rerun                the same inputs under the same parameters, calculated now
 * @param reproduced           whether {@code rerun} is the recorded result exactly (false only if the calculation's
 *                             code changed since in a way that changes this result)
 * @param current              the parameters in force now for the case's branch
 * @param underCurrent         the same inputs under {@code current}
 * @param parameterDifferences the parameters whose value differs now (empty: the same policy, whatever its label)
 * @param lineDifferences      the lines whose amount differs, or that only one of the two calculations has
 */
public record Rerun(Entitlement recorded, Entitlement rerun, boolean reproduced, RefundPolicy current,
                    Entitlement underCurrent, List<RefundPolicy.Difference> parameterDifferences,
                    List<LineDifference> lineDifferences) {

    /**
     * A line of the comparison, matched by its rule and its place among the lines of that rule ({@code paid} once per
     * item). An amount is null on the side that has no such line.
     */
    public record LineDifference(String rule, String what, Long recordedMinor, Long currentMinor) {
        /** Current less recorded (a missing line counts as zero). */
        public long differenceMinor() {
            return (currentMinor == null ? 0 : currentMinor) - (recordedMinor == null ? 0 : recordedMinor);
        }
    }

    /** Current less recorded: what the customer would get more (negative: less) under today's parameters. */
    public long totalDifferenceMinor() {
        return underCurrent.total().minorUnits() - recorded.total().minorUnits();
    }

    public long refundDifferenceMinor() {
        return underCurrent.refund().minorUnits() - recorded.refund().minorUnits();
    }

    public long compensationDifferenceMinor() {
        return underCurrent.compensation().minorUnits() - recorded.compensation().minorUnits();
    }

    /**
     * Re-runs {@code recorded} (which kept its inputs and parameters: {@link Entitlement#rerunnable()}) and compares it
     * with the same inputs under {@code current}.
     *
     * @throws IllegalArgumentException for a calculation recorded before inputs and parameter sets were kept
     * @throws EntitlementCalculator.InvalidEntitlementRequest if the stored inputs are refused by today's rules
     */
    public static Rerun of(Entitlement recorded, RefundPolicy current) {
        Objects.requireNonNull(current, "current");
        if (!recorded.rerunnable()) {
            throw new IllegalArgumentException("recorded before parameter sets and inputs were kept: it cannot be re-run");
        }
        Entitlement again = EntitlementCalculator.calculate(recorded.inputs(), recorded.policy());
        Entitlement now = EntitlementCalculator.calculate(recorded.inputs(), current);
        return new Rerun(recorded, again, again.sameResultAs(recorded), current, now,
                recorded.policy().differencesTo(current), lineDifferences(recorded.lines(), now.lines()));
    }

    private static List<LineDifference> lineDifferences(List<Entitlement.Line> recorded, List<Entitlement.Line> current) {
        Map<String, Entitlement.Line> was = keyed(recorded);
        Map<String, Entitlement.Line> is = keyed(current);
        List<LineDifference> out = new ArrayList<>();
        for (var e : was.entrySet()) {
            Entitlement.Line now = is.get(e.getKey());
            Entitlement.Line then = e.getValue();
            if (now == null || now.amountMinor() != then.amountMinor()) {
                out.add(new LineDifference(then.rule(), now == null ? then.what() : now.what(), then.amountMinor(),
                        now == null ? null : now.amountMinor()));
            }
        }
        for (var e : is.entrySet()) {
            if (!was.containsKey(e.getKey())) {
                out.add(new LineDifference(e.getValue().rule(), e.getValue().what(), null, e.getValue().amountMinor()));
            }
        }
        return List.copyOf(out);
    }

    /** The lines by rule and place among the lines of that rule: {@code paid#0}, {@code paid#1}... in order. */
    private static Map<String, Entitlement.Line> keyed(List<Entitlement.Line> lines) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Entitlement.Line> out = new LinkedHashMap<>();
        for (Entitlement.Line line : lines) {
            int n = seen.merge(line.rule(), 1, Integer::sum) - 1;
            out.put(line.rule() + "#" + n, line);
        }
        return out;
    }
}
