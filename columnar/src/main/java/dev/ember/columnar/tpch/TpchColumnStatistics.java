package dev.ember.columnar.tpch;

import dev.ember.columnar.source.TableStatistics.ColumnStatistics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Column statistics of the TPC-H tables as the specification's data generation rules fix them
 * (distinct values and value ranges as functions of the scale factor), so the optimizer has
 * exact statistics for the built-in catalog without scanning anything.
 */
final class TpchColumnStatistics {
    private TpchColumnStatistics() {
    }

    private static ColumnStatistics ndv(double n) {
        return new ColumnStatistics(n, 0.0, null, null, null);
    }

    private static ColumnStatistics range(double n, Object min, Object max) {
        return new ColumnStatistics(n, 0.0, min, max, null);
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    static Map<String, ColumnStatistics> of(String table, double sf) {
        Map<String, ColumnStatistics> s = new HashMap<>();
        double supp = Math.max(1, 10_000 * sf);
        double cust = Math.max(1, 150_000 * sf);
        double part = Math.max(1, 200_000 * sf);
        double ps = Math.max(1, 800_000 * sf);
        double ord = Math.max(1, 1_500_000 * sf);
        double li = Math.max(1, 6_000_000 * sf);
        switch (table) {
            case "region" -> {
                s.put("r_regionkey", range(5, 0L, 4L));
                s.put("r_name", ndv(5));
                s.put("r_comment", ndv(5));
            }
            case "nation" -> {
                s.put("n_nationkey", range(25, 0L, 24L));
                s.put("n_name", ndv(25));
                s.put("n_regionkey", range(5, 0L, 4L));
                s.put("n_comment", ndv(25));
            }
            case "supplier" -> {
                s.put("s_suppkey", range(supp, 1L, (long) supp));
                s.put("s_name", ndv(supp));
                s.put("s_address", ndv(supp));
                s.put("s_nationkey", range(25, 0L, 24L));
                s.put("s_phone", ndv(supp));
                s.put("s_acctbal", range(Math.min(supp, 1_099_999), m("-999.99"), m("9999.99")));
                s.put("s_comment", ndv(supp));
            }
            case "customer" -> {
                s.put("c_custkey", range(cust, 1L, (long) cust));
                s.put("c_name", ndv(cust));
                s.put("c_address", ndv(cust));
                s.put("c_nationkey", range(25, 0L, 24L));
                s.put("c_phone", ndv(cust));
                s.put("c_acctbal", range(Math.min(cust, 1_099_999), m("-999.99"), m("9999.99")));
                s.put("c_mktsegment", ndv(5));
                s.put("c_comment", ndv(cust));
            }
            case "part" -> {
                s.put("p_partkey", range(part, 1L, (long) part));
                s.put("p_name", ndv(part));
                s.put("p_mfgr", ndv(5));
                s.put("p_brand", ndv(25));
                s.put("p_type", ndv(150));
                s.put("p_size", range(50, 1, 50));
                s.put("p_container", ndv(40));
                s.put("p_retailprice", range(Math.min(part, 120_000), m("900.00"), m("2098.99")));
                s.put("p_comment", ndv(part));
            }
            case "partsupp" -> {
                s.put("ps_partkey", range(part, 1L, (long) part));
                s.put("ps_suppkey", range(supp, 1L, (long) supp));
                s.put("ps_availqty", range(9999, 1, 9999));
                s.put("ps_supplycost", range(Math.min(ps, 99_901), m("1.00"), m("1000.00")));
                s.put("ps_comment", ndv(ps));
            }
            case "orders" -> {
                s.put("o_orderkey", range(ord, 1L, (long) (4 * ord)));
                s.put("o_custkey", range(cust * 2 / 3, 1L, (long) cust));
                s.put("o_orderstatus", ndv(3));
                s.put("o_totalprice", range(ord, m("800.00"), m("600000.00")));
                s.put("o_orderdate", range(2406, d("1992-01-01"), d("1998-08-02")));
                s.put("o_orderpriority", ndv(5));
                s.put("o_clerk", ndv(Math.max(1, 1000 * sf)));
                s.put("o_shippriority", range(1, 0, 0));
                s.put("o_comment", ndv(ord));
            }
            case "lineitem" -> {
                s.put("l_orderkey", range(ord, 1L, (long) (4 * ord)));
                s.put("l_partkey", range(part, 1L, (long) part));
                s.put("l_suppkey", range(supp, 1L, (long) supp));
                s.put("l_linenumber", range(7, 1, 7));
                s.put("l_quantity", range(50, m("1.00"), m("50.00")));
                s.put("l_extendedprice", range(Math.min(li, 1_000_000), m("900.00"), m("104950.00")));
                s.put("l_discount", range(11, m("0.00"), m("0.10")));
                s.put("l_tax", range(9, m("0.00"), m("0.08")));
                s.put("l_returnflag", ndv(3));
                s.put("l_linestatus", ndv(2));
                s.put("l_shipdate", range(2526, d("1992-01-02"), d("1998-12-01")));
                s.put("l_commitdate", range(2466, d("1992-01-31"), d("1998-10-31")));
                s.put("l_receiptdate", range(2554, d("1992-01-03"), d("1998-12-31")));
                s.put("l_shipinstruct", ndv(4));
                s.put("l_shipmode", ndv(7));
                s.put("l_comment", ndv(li));
            }
            default -> {
            }
        }
        return s;
    }
}
