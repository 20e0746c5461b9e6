package dev.ember.tpch.plan;

import dev.ember.engine.EmberSession;
import dev.ember.engine.QueryExecution;
import dev.ember.physical.plan.PhysicalPlan;
import dev.ember.tpch.TpchQueries;

import java.util.ArrayList;
import java.util.List;

/**
 * TPC-H plans at SF 1, planned only (the tpch catalog knows its statistics without generating
 * a row). The session's settings are fixed, so a plan does not depend on the machine: executor
 * instances, shuffle partitions and the memory limit (which caps the broadcast threshold at
 * limit/64; 4 GB keeps the 10 MB default in force).
 */
final class TpchPlans {
    static final String SCHEMA = "tpch.sf1";

    private TpchPlans() {
    }

    /** A session with the fixed settings plus {@code extra} key/value pairs. */
    static EmberSession session(String... extra) {
        EmberSession.Builder b = EmberSession.builder()
                .config("ember.executor.instances", "4")
                .config("ember.executor.cores", "1")
                .config("ember.sql.shuffle.partitions", "4")
                .config("ember.memory.limit", "4g");
        for (int i = 0; i < extra.length; i += 2) {
            b.config(extra[i], extra[i + 1]);
        }
        EmberSession s = b.getOrCreate();
        s.sql("use " + SCHEMA);
        return s;
    }

    static QueryExecution plan(EmberSession session, int query) {
        QueryExecution qe = session.sql(TpchQueries.query(query)).queryExecution();
        qe.physical();
        return qe;
    }

    /** Every node of the tree, parents before children. */
    static List<PhysicalPlan> nodes(PhysicalPlan root) {
        List<PhysicalPlan> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(PhysicalPlan p, List<PhysicalPlan> out) {
        out.add(p);
        for (PhysicalPlan c : p.children()) {
            collect(c, out);
        }
    }

    /** The table a side reads when it is one scan under filters, projections and exchanges, else null. */
    static String singleTable(PhysicalPlan p) {
        while (!(p instanceof PhysicalPlan.Scan)) {
            if (p.children().size() != 1 || p instanceof PhysicalPlan.HashAggregate) {
                return null;
            }
            p = p.children().get(0);
        }
        return table(((PhysicalPlan.Scan) p).table());
    }

    /** The unqualified table name of a scan ("tpch.sf1.nation" -> "nation"). */
    static String table(String scanned) {
        return scanned.substring(scanned.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** The tables scanned anywhere below {@code p}. */
    static List<String> tables(PhysicalPlan p) {
        return nodes(p).stream().filter(n -> n instanceof PhysicalPlan.Scan).map(n -> table(((PhysicalPlan.Scan) n).table())).toList();
    }
}
