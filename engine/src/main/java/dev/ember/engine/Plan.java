package dev.ember.engine;

import dev.ember.columnar.types.Field;
import dev.ember.columnar.types.Schema;
import dev.ember.plan.TypeMapping;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A DataFrame's logical plan: the Calcite {@link RelNode} (the same IR SQL compiles to) and the
 * {@link Attribute} of each of its output fields, in order. The plan's own field names are kept
 * distinct ignoring case (the names the SQL of the next operation refers to); the names users
 * see are the attributes'.
 */
record Plan(RelNode rel, List<Attribute> output) {

    Plan {
        output = List.copyOf(output);
        if (rel.getRowType().getFieldCount() != output.size()) {
            throw new IllegalStateException("plan has " + rel.getRowType().getFieldCount() + " fields, "
                    + output.size() + " attributes");
        }
    }

    /** A plan whose field names are made distinct ignoring case, by a renaming projection when needed. */
    static Plan of(RelNode rel, List<Attribute> output) {
        List<String> names = rel.getRowType().getFieldNames();
        Set<String> seen = new HashSet<>();
        boolean clash = false;
        for (String n : names) {
            clash |= !seen.add(n.toLowerCase(Locale.ROOT));
        }
        if (clash) {
            Set<String> used = new HashSet<>();
            List<String> unique = new ArrayList<>();
            for (String n : names) {
                String u = n;
                for (int k = 1; !used.add(u.toLowerCase(Locale.ROOT)); k++) {
                    u = n + "_" + k;
                }
                unique.add(u);
            }
            rel = builder(rel).push(rel).rename(unique).build();
        }
        return new Plan(rel, output);
    }

    static RelBuilder builder(RelNode rel) {
        return RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null);
    }

    int size() {
        return output.size();
    }

    List<String> names() {
        return output.stream().map(Attribute::name).toList();
    }

    /** The plan's own name of field {@code i} (what generated SQL refers to). */
    String fieldName(int i) {
        return rel.getRowType().getFieldNames().get(i);
    }

    /** The columns with their user-facing names. */
    Schema schema() {
        Schema s = TypeMapping.schema(rel.getRowType());
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            fields.add(s.field(i).withName(output.get(i).name()));
        }
        return new Schema(fields);
    }

    Plan withOutput(List<Attribute> attrs) {
        return new Plan(rel, attrs);
    }

    Plan withRel(RelNode newRel) {
        return Plan.of(newRel, output);
    }
}
