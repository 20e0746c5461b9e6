package dev.ember.plan;

import dev.ember.catalog.Catalog;
import dev.ember.catalog.CatalogEntry;
import dev.ember.common.AnalysisException;
import dev.ember.common.EmberException;
import dev.ember.common.ErrorClass;
import dev.ember.sql.EmberSqlParser;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.hint.HintPredicates;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Gives SQL its meaning: validates a Calcite {@link SqlNode} against the catalog (names,
 * types, subquery scoping) and converts it to a {@link RelNode}, the logical plan. Subqueries
 * stay as {@code RexSubQuery} for the optimizer's decorrelation phase. Validation errors become
 * {@link AnalysisException}s that point at the offending text and suggest near names.
 */
public final class Analyzer {
    private static final int MAX_VIEW_DEPTH = 32;

    private final Catalog catalog;
    private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(EmberTypeSystem.INSTANCE);
    private final ThreadLocal<Integer> viewDepth = ThreadLocal.withInitial(() -> 0);

    public Analyzer(Catalog catalog) {
        this.catalog = catalog;
    }

    public Catalog catalog() {
        return catalog;
    }

    public RelDataTypeFactory typeFactory() {
        return typeFactory;
    }

    /** A fresh cluster: each query plans in its own, so concurrent queries share no planner state. */
    public RelOptCluster newCluster() {
        HepPlanner planner = new HepPlanner(HepProgram.builder().build());
        // Constant folding (ReduceExpressionsRule) evaluates through the planner's executor.
        planner.setExecutor(EmberRexExecutor.INSTANCE);
        RelOptCluster cluster = RelOptCluster.create(planner, new EmberRexBuilder(typeFactory));
        cluster.setHintStrategies(hintStrategies());
        return cluster;
    }

    static HintStrategyTable hintStrategies() {
        return HintStrategyTable.builder()
                .hintStrategy("BROADCAST", HintPredicates.JOIN)
                .hintStrategy("BROADCASTJOIN", HintPredicates.JOIN)
                .hintStrategy("MAPJOIN", HintPredicates.JOIN)
                .hintStrategy("SHUFFLE_HASH", HintPredicates.JOIN)
                .hintStrategy("MERGE", HintPredicates.JOIN)
                .build();
    }

    private CalciteCatalogReader catalogReader(List<String> defaultSchema) {
        return catalogReader(defaultSchema, java.util.Map.of());
    }

    /** The catalog, plus {@code inputs} as tables at its root. */
    private CalciteCatalogReader catalogReader(List<String> defaultSchema, java.util.Map<String, RelNode> inputs) {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        CalciteConnectionConfig config = new CalciteConnectionConfigImpl(p);
        CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", CatalogSchema.root(catalog, expander()));
        inputs.forEach((name, plan) -> root.add(name, new PlanTable(plan)));
        return new CalciteCatalogReader(root, defaultSchema, typeFactory, config);
    }

    private SqlValidator validator(CalciteCatalogReader reader) {
        SqlValidator.Config config = SqlValidator.Config.DEFAULT
                .withConformance(EmberConformance.INSTANCE)
                .withIdentifierExpansion(true)
                .withDefaultNullCollation(NullCollation.LOW)
                .withTypeCoercionEnabled(true)
                .withCallRewrite(true);
        return SqlValidatorUtil.newValidator(Functions.operatorTable(), reader, typeFactory, config);
    }

    /** A RelBuilder over the catalog, for the DataFrame API (names resolve as SQL's do). */
    public RelBuilder relBuilder(RelOptCluster cluster) {
        return RelBuilder.proto(org.apache.calcite.plan.Contexts.empty()).create(cluster, catalogReader(catalog.currentSchema()));
    }

    /** Validates and converts a query. {@code source} is the text the node's positions refer to (may be null). */
    public AnalyzedQuery analyze(SqlNode query, String source) {
        return analyze(query, source, newCluster(), catalog.currentSchema());
    }

    public AnalyzedQuery analyze(SqlNode query, String source, RelOptCluster cluster, List<String> defaultSchema) {
        OutputNames.aliasUnnamed(query, source);
        SemiJoins.rewrite(query, source);
        return convert(query, source, cluster, catalogReader(defaultSchema));
    }

    /**
     * Validates and converts a query that reads {@code inputs}, plans of {@code cluster}, as tables
     * by those names (besides the catalog's tables). The DataFrame API compiles each operation into
     * such a query over its inputs, so that its expressions mean exactly what they mean in SQL:
     * the same types, implicit casts, functions, aggregates and windows.
     */
    public AnalyzedQuery analyze(SqlNode query, RelOptCluster cluster, java.util.Map<String, RelNode> inputs) {
        return convert(query, null, cluster, catalogReader(catalog.currentSchema(), inputs));
    }

    private AnalyzedQuery convert(SqlNode query, String source, RelOptCluster cluster, CalciteCatalogReader reader) {
        SqlValidator validator = validator(reader);
        try {
            SqlNode validated = validator.validate(query);
            SqlToRelConverter converter = new SqlToRelConverter(null, validator, reader, cluster,
                    StandardConvertletTable.INSTANCE, SqlToRelConverter.config()
                    .withExpand(false)
                    .withTrimUnusedFields(true)
                    .withInSubQueryThreshold(Integer.MAX_VALUE)
                    .withHintStrategyTable(cluster.getHintStrategies())
                    // No folding while converting: the optimizer folds constants with the
                    // engine's kernels, so that folding never changes an answer.
                    .withRelBuilderConfigTransform(c -> c.withSimplify(false).withSimplifyValues(false)));
            RelRoot root = converter.convertQuery(validated, false, true);
            // Integer +, -, *, / overflow is an error, also when Calcite folds constants.
            RelNode rel = ApproxLiterals.normalize(root.project())
                    .accept(new org.apache.calcite.sql2rel.ConvertToChecked(cluster.getRexBuilder(), true));
            return new AnalyzedQuery(rel, TypeMapping.schema(root.validatedRowType));
        } catch (EmberException e) {
            throw e;
        } catch (CalciteContextException e) {
            throw ValidationErrors.translate(e, source, query, catalog);
        } catch (CalciteException e) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, e.getMessage(), 0, 0, e);
        } catch (UnsupportedOperationException | IllegalArgumentException | AssertionError e) {
            throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
                    "cannot plan this query: " + e.getMessage(), 0, 0, e);
        }
    }

    /** The result columns of a query, without converting it. */
    public RelDataType describe(SqlNode query, String source) {
        OutputNames.aliasUnnamed(query, source);
        SemiJoins.rewrite(query, source);
        SqlValidator validator = validator(catalogReader(catalog.currentSchema()));
        try {
            SqlNode validated = validator.validate(query);
            return validator.getValidatedNodeType(validated);
        } catch (CalciteContextException e) {
            throw ValidationErrors.translate(e, source, query, catalog);
        }
    }

    private ViewExpander expander() {
        return new ViewExpander() {
            @Override
            public RelNode expand(CatalogEntry.View view, List<String> schemaPath, RelOptCluster cluster) {
                return withDepth(view, () -> {
                    AnalyzedQuery q = analyze(EmberSqlParser.parseQuery(view.sql()), view.sql(), cluster, schemaPath);
                    return renamed(q.rel(), view.columnAliases(), cluster);
                });
            }

            @Override
            public RelDataType rowType(CatalogEntry.View view, List<String> schemaPath) {
                return withDepth(view, () -> {
                    RelOptCluster cluster = newCluster();
                    AnalyzedQuery q = analyze(EmberSqlParser.parseQuery(view.sql()), view.sql(), cluster, schemaPath);
                    return renamed(q.rel(), view.columnAliases(), cluster).getRowType();
                });
            }
        };
    }

    private <T> T withDepth(CatalogEntry.View view, java.util.function.Supplier<T> body) {
        int depth = viewDepth.get();
        if (depth >= MAX_VIEW_DEPTH) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "view `" + view.name()
                    + "` refers to itself (or views are nested more than " + MAX_VIEW_DEPTH + " deep)");
        }
        viewDepth.set(depth + 1);
        try {
            return body.get();
        } catch (AnalysisException e) {
            throw new AnalysisException(e.errorClass(), "in view `" + view.name() + "`: " + e.getMessage(), 0, 0, e);
        } finally {
            viewDepth.set(depth);
        }
    }

    private RelNode renamed(RelNode rel, List<String> aliases, RelOptCluster cluster) {
        if (aliases == null || aliases.isEmpty()) {
            return rel;
        }
        if (aliases.size() != rel.getRowType().getFieldCount()) {
            throw new AnalysisException(ErrorClass.ANALYSIS_ERROR, "the view names " + aliases.size()
                    + " columns but its query returns " + rel.getRowType().getFieldCount());
        }
        RelBuilder b = RelBuilder.proto(org.apache.calcite.plan.Contexts.empty()).create(cluster, null);
        return b.push(rel).rename(new ArrayList<>(aliases)).build();
    }
}
