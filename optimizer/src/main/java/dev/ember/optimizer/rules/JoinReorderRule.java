package dev.ember.optimizer.rules;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders the inputs of an inner-join {@link MultiJoin} by dynamic programming over connected
 * subsets (bushy plans allowed, cross products only when the join graph is disconnected),
 * minimizing the sum of intermediate result sizes. Sizes come from the metadata estimates;
 * each equi-join edge between two inputs has selectivity 1/population of the side whose columns
 * are a key (key / foreign key), else 1/max(distinct values). Up to {@link #MAX_INPUTS} inputs;
 * larger or outer multi-joins are left to Calcite's heuristic ordering.
 */
public final class JoinReorderRule extends RelOptRule {
    public static final JoinReorderRule INSTANCE = new JoinReorderRule();
    static final int MAX_INPUTS = 12;

    private JoinReorderRule() {
        super(operand(MultiJoin.class, any()), "JoinReorder");
    }

    /** A conjunct of the join condition and the inputs it references. */
    private record Conjunct(RexNode condition, int inputs) {
    }

    /** The best plan found for a subset of inputs: its cost, row estimate, and split. */
    private record Best(double cost, double rows, int left, int right) {
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
        MultiJoin mj = call.rel(0);
        if (mj.isFullOuterJoin() || mj.getInputs().size() > MAX_INPUTS || mj.getInputs().size() < 2) {
            return false;
        }
        for (int i = 0; i < mj.getInputs().size(); i++) {
            if (mj.getJoinTypes().get(i) != JoinRelType.INNER || mj.getOuterJoinConditions().get(i) != null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        MultiJoin mj = call.rel(0);
        RelMetadataQuery mq = call.getMetadataQuery();
        RexBuilder rb = mj.getCluster().getRexBuilder();
        List<RelNode> inputs = mj.getInputs();
        int n = inputs.size();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + inputs.get(i).getRowType().getFieldCount();
        }
        // Classify conjuncts by the inputs they reference; single-input ones filter that input.
        List<RexNode> conds = new ArrayList<>(RelOptUtil.conjunctions(mj.getJoinFilter()));
        if (mj.getPostJoinFilter() != null) {
            conds.addAll(RelOptUtil.conjunctions(mj.getPostJoinFilter()));
        }
        List<Conjunct> conjuncts = new ArrayList<>();
        List<List<RexNode>> inputFilters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputFilters.add(new ArrayList<>());
        }
        for (RexNode c : conds) {
            if (c.isAlwaysTrue()) {
                continue;
            }
            int mask = inputsOf(c, offsets);
            if (Integer.bitCount(mask) == 1) {
                int i = Integer.numberOfTrailingZeros(mask);
                inputFilters.get(i).add(RexUtil.shift(c, -offsets[i]));
            } else {
                conjuncts.add(new Conjunct(c, mask));
            }
        }
        RelNode[] leaves = new RelNode[n];
        double[] rows = new double[n];
        for (int i = 0; i < n; i++) {
            RelNode in = inputs.get(i);
            if (!inputFilters.get(i).isEmpty()) {
                in = LogicalFilter.create(in, RexUtil.composeConjunction(rb, inputFilters.get(i)));
            }
            leaves[i] = in;
            Double r = mq.getRowCount(in);
            rows[i] = r == null ? 1000 : Math.max(1, r);
        }
        Map<Integer, Double> edgeSelectivity = selectivities(conjuncts, leaves, offsets, mq);
        Best[] best = enumerate(n, rows, edgeSelectivity);
        int all = (1 << n) - 1;
        if (best[all] == null) {
            return;
        }
        // Build the tree, then restore the multi-join's field order.
        List<Integer> order = new ArrayList<>();
        RelNode tree = build(all, best, leaves, conjuncts, offsets, order, rb);
        int total = offsets[n];
        int[] position = new int[total];
        int p = 0;
        for (int input : order) {
            for (int f = offsets[input]; f < offsets[input + 1]; f++) {
                position[f] = p++;
            }
        }
        List<RexNode> projects = new ArrayList<>();
        for (int f = 0; f < total; f++) {
            projects.add(rb.makeInputRef(tree, position[f]));
        }
        RelNode out = LogicalProject.create(tree, List.of(), projects, mj.getRowType().getFieldNames(), java.util.Set.of());
        call.transformTo(out);
    }

    private static int inputsOf(RexNode c, int[] offsets) {
        int mask = 0;
        for (int f : RelOptUtil.InputFinder.bits(c)) {
            for (int i = 0; i + 1 < offsets.length; i++) {
                if (f >= offsets[i] && f < offsets[i + 1]) {
                    mask |= 1 << i;
                    break;
                }
            }
        }
        return mask;
    }

    /**
     * Selectivity of the conjuncts between each pair of inputs (key: the pair's bitmask). Equality
     * conjuncts between the same two inputs are taken together (composite keys).
     */
    private static Map<Integer, Double> selectivities(List<Conjunct> conjuncts, RelNode[] leaves, int[] offsets,
                                                      RelMetadataQuery mq) {
        Map<Integer, List<int[]>> equi = new HashMap<>();
        Map<Integer, Double> sel = new HashMap<>();
        for (Conjunct c : conjuncts) {
            int[] pair = equiPair(c, offsets);
            if (pair != null) {
                equi.computeIfAbsent(c.inputs(), k -> new ArrayList<>()).add(pair);
            } else {
                sel.merge(c.inputs(), 0.5, (a, b) -> a * b);
            }
        }
        for (Map.Entry<Integer, List<int[]>> e : equi.entrySet()) {
            int a = Integer.numberOfTrailingZeros(e.getKey());
            int b = 31 - Integer.numberOfLeadingZeros(e.getKey());
            ImmutableBitSet.Builder ka = ImmutableBitSet.builder();
            ImmutableBitSet.Builder kb = ImmutableBitSet.builder();
            for (int[] pr : e.getValue()) {
                // pr = {field in a, field in b} as multi-join field positions
                ka.set(pr[0] - offsets[a]);
                kb.set(pr[1] - offsets[b]);
            }
            double s = edge(leaves[a], ka.build(), leaves[b], kb.build(), mq);
            sel.merge(e.getKey(), s, (x, y) -> x * y);
        }
        return sel;
    }

    /** For {@code x = y} between two inputs: their fields, lower input's first; else null. */
    private static int[] equiPair(Conjunct c, int[] offsets) {
        if (Integer.bitCount(c.inputs()) != 2 || c.condition().getKind() != SqlKind.EQUALS) {
            return null;
        }
        RexCall call = (RexCall) c.condition();
        if (!(call.getOperands().get(0) instanceof RexInputRef l) || !(call.getOperands().get(1) instanceof RexInputRef r)) {
            return null;
        }
        int first = Integer.numberOfTrailingZeros(c.inputs());
        boolean lFirst = l.getIndex() >= offsets[first] && l.getIndex() < offsets[first + 1];
        return lFirst ? new int[] {l.getIndex(), r.getIndex()} : new int[] {r.getIndex(), l.getIndex()};
    }

    private static double edge(RelNode a, ImmutableBitSet ka, RelNode b, ImmutableBitSet kb, RelMetadataQuery mq) {
        if (Boolean.TRUE.equals(mq.areColumnsUnique(b, kb))) {
            return 1.0 / population(mq, b, kb);
        }
        if (Boolean.TRUE.equals(mq.areColumnsUnique(a, ka))) {
            return 1.0 / population(mq, a, ka);
        }
        double da = distinct(mq, a, ka);
        double db = distinct(mq, b, kb);
        return 1.0 / Math.max(1, Math.max(da, db));
    }

    private static double population(RelMetadataQuery mq, RelNode r, ImmutableBitSet keys) {
        return Math.max(1, dev.ember.optimizer.stats.Populations.of(mq, r, keys));
    }

    private static double distinct(RelMetadataQuery mq, RelNode r, ImmutableBitSet keys) {
        Double d = mq.getDistinctRowCount(r, keys, null);
        Double rows = mq.getRowCount(r);
        double v = d != null ? d : rows != null ? rows : 1;
        return rows == null ? v : Math.min(v, rows);
    }

    /** DP over subsets: best[s] for each subset s that can be joined without a cross product. */
    private static Best[] enumerate(int n, double[] rows, Map<Integer, Double> sel) {
        int all = (1 << n) - 1;
        Best[] best = new Best[all + 1];
        double[] card = new double[all + 1];
        for (int s = 1; s <= all; s++) {
            double c = 1;
            for (int i = 0; i < n; i++) {
                if ((s & (1 << i)) != 0) {
                    c *= rows[i];
                }
            }
            for (Map.Entry<Integer, Double> e : sel.entrySet()) {
                if ((e.getKey() & s) == e.getKey()) {
                    c *= e.getValue();
                }
            }
            card[s] = Math.max(1, c);
        }
        for (int i = 0; i < n; i++) {
            best[1 << i] = new Best(0, rows[i], -1, -1);
        }
        for (boolean allowCross : new boolean[] {false, true}) {
            for (int s = 1; s <= all; s++) {
                if (Integer.bitCount(s) < 2 || best[s] != null) {
                    continue;
                }
                // Enumerate splits s = l + r with l containing s's lowest input (each split once).
                int low = s & -s;
                for (int l = (s - 1) & s; l > 0; l = (l - 1) & s) {
                    if ((l & low) == 0) {
                        continue;
                    }
                    int r = s & ~l;
                    Best bl = best[l];
                    Best br = best[r];
                    if (bl == null || br == null || (!allowCross && !connected(l, r, sel))) {
                        continue;
                    }
                    double cost = bl.cost() + br.cost() + card[s];
                    if (best[s] == null || cost < best[s].cost()) {
                        // The larger side goes left (probe); the physical planner picks the build side anyway.
                        boolean swap = br.rows() > bl.rows();
                        best[s] = new Best(cost, card[s], swap ? r : l, swap ? l : r);
                    }
                }
            }
            if (best[all] != null) {
                break;
            }
        }
        return best;
    }

    private static boolean connected(int l, int r, Map<Integer, Double> sel) {
        for (int edge : sel.keySet()) {
            if ((edge & l) != 0 && (edge & r) != 0 && (edge & ~(l | r)) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Builds the join tree of subset s; {@code order} receives its inputs in output field order. */
    private static RelNode build(int s, Best[] best, RelNode[] leaves, List<Conjunct> conjuncts, int[] offsets,
                                 List<Integer> order, RexBuilder rb) {
        Best b = best[s];
        if (b.left() < 0) {
            int i = Integer.numberOfTrailingZeros(s);
            order.add(i);
            return leaves[i];
        }
        List<Integer> leftOrder = new ArrayList<>();
        List<Integer> rightOrder = new ArrayList<>();
        RelNode left = build(b.left(), best, leaves, conjuncts, offsets, leftOrder, rb);
        RelNode right = build(b.right(), best, leaves, conjuncts, offsets, rightOrder, rb);
        order.addAll(leftOrder);
        order.addAll(rightOrder);
        // Conjuncts that become applicable at this join: inside s, not inside either side.
        int total = offsets[offsets.length - 1];
        Map<Integer, Integer> map = new HashMap<>();
        int pos = 0;
        for (int input : order) {
            for (int f = offsets[input]; f < offsets[input + 1]; f++) {
                map.put(f, pos++);
            }
        }
        Mappings.TargetMapping mapping = Mappings.target(map, total, pos);
        List<RexNode> here = new ArrayList<>();
        for (Conjunct c : conjuncts) {
            if ((c.inputs() & s) == c.inputs() && (c.inputs() & b.left()) != c.inputs() && (c.inputs() & b.right()) != c.inputs()) {
                here.add(c.condition().accept(new RexPermuteInputsShuttle(mapping, left, right)));
            }
        }
        RexNode cond = here.isEmpty() ? rb.makeLiteral(true) : RexUtil.composeConjunction(rb, here);
        return LogicalJoin.create(left, right, List.of(), cond, java.util.Set.of(), JoinRelType.INNER);
    }
}
