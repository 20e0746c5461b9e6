package dev.ember.optimizer.stats;

import dev.ember.columnar.source.TableStatistics.ColumnStatistics;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;

/**
 * Ember's cardinality estimates, plugged into Calcite's metadata system ahead of its defaults:
 * table columns have statistics (exact for tpch); a filter keeps the share its predicates
 * select; an equi-join of L and R gives |L|·|R| / max(distinct(L keys), distinct(R keys))
 * (System R), so key/foreign-key joins estimate the foreign side's size instead of exploding.
 */
public final class EmberStatistics {
    private EmberStatistics() {
    }

    public static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
            ReflectiveRelMetadataProvider.reflectiveSource(new RowCount(), BuiltInMetadata.RowCount.Handler.class),
            ReflectiveRelMetadataProvider.reflectiveSource(new Selectivity_(), BuiltInMetadata.Selectivity.Handler.class),
            ReflectiveRelMetadataProvider.reflectiveSource(new DistinctRowCount(), BuiltInMetadata.DistinctRowCount.Handler.class),
            ReflectiveRelMetadataProvider.reflectiveSource(new ValueSizes(), BuiltInMetadata.Size.Handler.class),
            DefaultRelMetadataProvider.INSTANCE));

    private static final JaninoRelMetadataProvider JANINO = JaninoRelMetadataProvider.of(PROVIDER);

    /** Makes a cluster's metadata queries use Ember's statistics. */
    public static void install(org.apache.calcite.plan.RelOptCluster cluster) {
        cluster.setMetadataProvider(PROVIDER);
        cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(JANINO));
        cluster.invalidateMetadataQuery();
    }

    private static ColumnStatistics scanColumn(TableScan scan, int i) {
        return ColumnStats.of(scan.getTable(), i);
    }

    /** Row counts of joins (System R). */
    public static final class RowCount implements MetadataHandler<BuiltInMetadata.RowCount> {
        @Override
        public MetadataDef<BuiltInMetadata.RowCount> getDef() {
            return BuiltInMetadata.RowCount.DEF;
        }

        public Double getRowCount(Join join, RelMetadataQuery mq) {
            Double l = mq.getRowCount(join.getLeft());
            Double r = mq.getRowCount(join.getRight());
            if (l == null || r == null) {
                return null;
            }
            JoinInfo info = join.analyzeCondition();
            RexNode residual = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), info.nonEquiConditions);
            double residualSel = residual.isAlwaysTrue() ? 1.0 : RelMdUtil.guessSelectivity(residual);
            double matchFraction;
            double inner;
            if (info.leftKeys.isEmpty()) {
                inner = l * r * residualSel;
                matchFraction = residualSel;
            } else {
                ImmutableBitSet lk = ImmutableBitSet.of(info.leftKeys);
                ImmutableBitSet rk = ImmutableBitSet.of(info.rightKeys);
                double dl = distinct(mq, join.getLeft(), lk, l);
                double dr = distinct(mq, join.getRight(), rk, r);
                if (Boolean.TRUE.equals(mq.areColumnsUnique(join.getRight(), rk))) {
                    // Key / foreign key: each left row meets at most one right row, present with
                    // the probability that the key survived the right side's filters.
                    double pr = population(mq, join.getRight(), rk, r);
                    inner = l * Math.min(1.0, r / pr) * residualSel;
                    matchFraction = Math.min(1.0, r / pr) * residualSel;
                } else if (Boolean.TRUE.equals(mq.areColumnsUnique(join.getLeft(), lk))) {
                    double pl = population(mq, join.getLeft(), lk, l);
                    inner = r * Math.min(1.0, l / pl) * residualSel;
                    matchFraction = Math.min(1.0, dr / Math.max(1, dl)) * residualSel;
                } else {
                    inner = l * r / Math.max(1, Math.max(dl, dr)) * residualSel;
                    matchFraction = Math.min(1.0, dr / Math.max(1, dl)) * residualSel;
                }
            }
            return switch (join.getJoinType()) {
                case INNER -> inner;
                case LEFT -> Math.max(inner, l);
                case RIGHT -> Math.max(inner, r);
                case FULL -> Math.max(inner, Math.max(l, r));
                case SEMI -> l * Math.min(1.0, matchFraction);
                case ANTI -> l * Math.max(0.05, 1 - Math.min(1.0, matchFraction));
                default -> null;
            };
        }

        /** Distinct key values before any filter (the table's key domain). */
        private static double population(RelMetadataQuery mq, org.apache.calcite.rel.RelNode rel, ImmutableBitSet keys, double rows) {
            return Math.max(rows, Populations.of(mq, rel, keys));
        }

        private static double distinct(RelMetadataQuery mq, org.apache.calcite.rel.RelNode rel, ImmutableBitSet keys, double rows) {
            Double d = mq.getDistinctRowCount(rel, keys, null);
            return d == null ? rows : Math.min(d, rows);
        }
    }

    /** Selectivity of predicates over a table's columns. */
    public static final class Selectivity_ implements MetadataHandler<BuiltInMetadata.Selectivity> {
        @Override
        public MetadataDef<BuiltInMetadata.Selectivity> getDef() {
            return BuiltInMetadata.Selectivity.DEF;
        }

        public Double getSelectivity(TableScan scan, RelMetadataQuery mq, RexNode predicate) {
            return Selectivity.of(predicate, i -> scanColumn(scan, i), scan.getCluster().getRexBuilder());
        }
    }

    /** Distinct values of a table's column sets, filtered or not. */
    public static final class DistinctRowCount implements MetadataHandler<BuiltInMetadata.DistinctRowCount> {
        @Override
        public MetadataDef<BuiltInMetadata.DistinctRowCount> getDef() {
            return BuiltInMetadata.DistinctRowCount.DEF;
        }

        public Double getDistinctRowCount(TableScan scan, RelMetadataQuery mq, ImmutableBitSet groupKey, RexNode predicate) {
            RelOptTable table = scan.getTable();
            double rows = table.getRowCount();
            if (groupKey.isEmpty()) {
                return 1.0;
            }
            if (scan.getTable().isKey(groupKey)) {
                return rows * Selectivity.of(predicate, i -> scanColumn(scan, i), scan.getCluster().getRexBuilder());
            }
            double product = 1;
            for (int c : groupKey) {
                ColumnStatistics s = scanColumn(scan, c);
                if (s == null || s.distinctCount() == null) {
                    return null;
                }
                product *= Math.max(1, Math.min(s.distinctCount(), rows));
            }
            double domain = Math.min(product, rows);
            if (predicate == null || predicate.isAlwaysTrue()) {
                return domain;
            }
            double selected = rows * Selectivity.of(predicate, i -> scanColumn(scan, i), scan.getCluster().getRexBuilder());
            return RelMdUtil.numDistinctVals(domain, selected);
        }
    }
}
