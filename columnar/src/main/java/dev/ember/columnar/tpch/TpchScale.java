package dev.ember.columnar.tpch;

import java.util.Locale;
import java.util.Optional;

/**
 * Names of the {@code tpch} catalog's schemas and their scale factors: {@code tiny} is SF 0.01,
 * {@code sfN} is SF N, with {@code _} for the decimal point ({@code sf0_1} is SF 0.1).
 */
public final class TpchScale {
    private TpchScale() {
    }

    /** The scale factor a schema name stands for, if it is one. */
    public static Optional<Double> scaleFactor(String schemaName) {
        String s = schemaName.toLowerCase(Locale.ROOT);
        if (s.equals("tiny")) {
            return Optional.of(0.01);
        }
        if (!s.startsWith("sf") || s.length() == 2) {
            return Optional.empty();
        }
        try {
            double sf = Double.parseDouble(s.substring(2).replace('_', '.'));
            return sf > 0 && sf <= 100_000 ? Optional.of(sf) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The canonical schema name of a scale factor: 0.01 is {@code tiny}, 0.1 is {@code sf0_1}. */
    public static String schemaName(double sf) {
        if (sf == 0.01) {
            return "tiny";
        }
        String n = sf == Math.rint(sf) ? String.valueOf((long) sf) : String.valueOf(sf).replace('.', '_');
        return "sf" + n;
    }
}
