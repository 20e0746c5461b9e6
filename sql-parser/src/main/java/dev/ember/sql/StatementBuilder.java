package dev.ember.sql;

import dev.ember.sql.Statement.ColumnDef;
import dev.ember.sql.Statement.ExplainMode;
import dev.ember.sql.parser.EmberSqlLexer;
import dev.ember.sql.parser.EmberSqlParser.AnalyzeTableContext;
import dev.ember.sql.parser.EmberSqlParser.CacheTableContext;
import dev.ember.sql.parser.EmberSqlParser.CallContext;
import dev.ember.sql.parser.EmberSqlParser.ClearCacheContext;
import dev.ember.sql.parser.EmberSqlParser.ColumnDefinitionContext;
import dev.ember.sql.parser.EmberSqlParser.ConfigValueContext;
import dev.ember.sql.parser.EmberSqlParser.CreateTableContext;
import dev.ember.sql.parser.EmberSqlParser.CreateTempViewUsingContext;
import dev.ember.sql.parser.EmberSqlParser.CreateViewContext;
import dev.ember.sql.parser.EmberSqlParser.DescribeQueryContext;
import dev.ember.sql.parser.EmberSqlParser.DescribeTableContext;
import dev.ember.sql.parser.EmberSqlParser.DropContext;
import dev.ember.sql.parser.EmberSqlParser.ExplainContext;
import dev.ember.sql.parser.EmberSqlParser.IdentifierContext;
import dev.ember.sql.parser.EmberSqlParser.InsertContext;
import dev.ember.sql.parser.EmberSqlParser.OptionItemContext;
import dev.ember.sql.parser.EmberSqlParser.OptionListContext;
import dev.ember.sql.parser.EmberSqlParser.QueryStatementContext;
import dev.ember.sql.parser.EmberSqlParser.ResetConfigContext;
import dev.ember.sql.parser.EmberSqlParser.SetConfigContext;
import dev.ember.sql.parser.EmberSqlParser.ShowCacheContext;
import dev.ember.sql.parser.EmberSqlParser.ShowColumnsContext;
import dev.ember.sql.parser.EmberSqlParser.ShowConfigContext;
import dev.ember.sql.parser.EmberSqlParser.ShowConfigVerboseContext;
import dev.ember.sql.parser.EmberSqlParser.ShowFunctionsContext;
import dev.ember.sql.parser.EmberSqlParser.ShowSchemasContext;
import dev.ember.sql.parser.EmberSqlParser.ShowTablesContext;
import dev.ember.sql.parser.EmberSqlParser.StatementContext;
import dev.ember.sql.parser.EmberSqlParser.UncacheTableContext;
import dev.ember.sql.parser.EmberSqlParser.UseContext;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Statements: queries become {@link Statement.Query}, engine commands their own records. */
final class StatementBuilder extends QueryBuilder {
    private static final Pattern CONFIG_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*(\\.[A-Za-z0-9_\\-]+)*");

    StatementBuilder(Source source) {
        super(source);
    }

    Statement statement(StatementContext ctx) {
        return switch (ctx) {
            case QueryStatementContext c -> new Statement.Query(query(c.query()));
            case ExplainContext c -> explain(c);
            case ShowConfigContext c -> new Statement.ShowConfig(false);
            case ShowConfigVerboseContext c -> {
                if (!c.identifier().getText().equalsIgnoreCase("v")) {
                    throw source.error("syntax error at or near '" + c.identifier().getText() + "': expected SET -v",
                            c.identifier());
                }
                yield new Statement.ShowConfig(true);
            }
            case SetConfigContext c -> new Statement.SetConfig(configKey(c.key), configValue(c.value));
            case ResetConfigContext c -> new Statement.ResetConfig(c.configValue() == null ? null : configKey(c.configValue()));
            case UseContext c -> new Statement.Use(names(c.multipartIdentifier()));
            case ShowTablesContext c -> new Statement.ShowTables(
                    c.multipartIdentifier() == null ? null : names(c.multipartIdentifier()), pattern(c.pattern));
            case ShowSchemasContext c -> new Statement.ShowSchemas(pattern(c.pattern));
            case ShowFunctionsContext c -> new Statement.ShowFunctions(pattern(c.pattern));
            case ShowColumnsContext c -> showColumns(c);
            case ShowCacheContext c -> new Statement.ShowCache();
            case DescribeTableContext c -> new Statement.Describe(names(c.multipartIdentifier()),
                    c.EXTENDED() != null || c.FORMATTED() != null, c.column == null ? null : name(c.column));
            case DescribeQueryContext c -> new Statement.DescribeQuery(query(c.query()));
            case CreateViewContext c -> createView(c);
            case CreateTempViewUsingContext c -> new Statement.CreateTempViewUsing(names(c.multipartIdentifier()),
                    c.OR() != null, columns(c.columnDefinition()), name(c.format), options(c.optionList()));
            case CreateTableContext c -> createTable(c);
            case InsertContext c -> new Statement.Insert(names(c.multipartIdentifier()),
                    c.identifierList() == null ? null : names(c.identifierList().identifier()), query(c.query()),
                    c.OVERWRITE() != null);
            case DropContext c -> new Statement.Drop(names(c.multipartIdentifier()), c.VIEW() != null, c.IF() != null);
            case CacheTableContext c -> new Statement.CacheTable(names(c.multipartIdentifier()), c.LAZY() != null,
                    options(c.optionList()), c.query() == null ? null : query(c.query()));
            case UncacheTableContext c -> new Statement.UncacheTable(names(c.multipartIdentifier()), c.IF() != null);
            case ClearCacheContext c -> new Statement.ClearCache();
            case AnalyzeTableContext c -> new Statement.AnalyzeTable(names(c.multipartIdentifier()), c.NOSCAN() != null,
                    c.FOR() != null,
                    names(c.identifier()));
            case CallContext c -> new Statement.Call(names(c.multipartIdentifier()), List.copyOf(expressions(c.expression())));
            default -> throw unexpected(ctx);
        };
    }

    private Statement explain(ExplainContext c) {
        ExplainMode mode = ExplainMode.PHYSICAL;
        if (c.explainMode() != null) {
            mode = switch (c.explainMode().getStart().getType()) {
                case EmberSqlLexer.LOGICAL -> ExplainMode.LOGICAL;
                case EmberSqlLexer.OPTIMIZED, EmberSqlLexer.EXTENDED -> ExplainMode.OPTIMIZED;
                case EmberSqlLexer.ANALYZE -> ExplainMode.ANALYZE;
                case EmberSqlLexer.FORMATTED -> ExplainMode.FORMATTED;
                case EmberSqlLexer.LINEAGE -> ExplainMode.LINEAGE;
                default -> ExplainMode.PHYSICAL;
            };
        }
        if (c.statement() instanceof ExplainContext inner) {
            throw source.error("EXPLAIN cannot explain another EXPLAIN", inner);
        }
        return new Statement.Explain(mode, statement(c.statement()));
    }

    /** A dotted setting name, written as is ({@code ember.sql.shuffle.partitions}). */
    private String configKey(ParserRuleContext key) {
        String text = source.text(key).trim();
        if (!CONFIG_KEY.matcher(text).matches()) {
            throw source.error("invalid setting name '" + text + "': expected a dotted name such as "
                    + "ember.sql.shuffle.partitions", key);
        }
        return text;
    }

    /** Everything after '=', trimmed; a lone quoted string or name loses its quotes. */
    private String configValue(ConfigValueContext value) {
        if (value == null) {
            return "";
        }
        if (value.getStart() == value.getStop()) {
            Token only = value.getStart();
            if (only.getType() == EmberSqlLexer.STRING) {
                return Literals.unquote(only);
            }
            if (Identifiers.isQuoted(only)) {
                return Identifiers.name(only, source);
            }
        }
        return source.text(value).trim();
    }

    private static String pattern(Token string) {
        return string == null ? null : Literals.unquote(string);
    }

    /** {@code SHOW COLUMNS FROM t IN schema} names the table {@code schema.t}. */
    private Statement showColumns(ShowColumnsContext c) {
        List<String> table = names(c.table);
        if (c.schema == null) {
            return new Statement.ShowColumns(table);
        }
        List<String> schema = names(c.schema);
        if (table.size() > 1) {
            if (!table.subList(0, table.size() - 1).equals(schema)) {
                throw source.error("SHOW COLUMNS names table " + String.join(".", table) + " and schema "
                        + String.join(".", schema) + ", which disagree", c.schema);
            }
            return new Statement.ShowColumns(table);
        }
        List<String> qualified = new ArrayList<>(schema);
        qualified.add(table.get(0));
        return new Statement.ShowColumns(List.copyOf(qualified));
    }

    private Statement createView(CreateViewContext c) {
        if (c.OR() != null && c.IF() != null) {
            throw source.error("CREATE VIEW cannot have both OR REPLACE and IF NOT EXISTS", c.IF().getSymbol());
        }
        List<String> columns = c.identifierList() == null ? List.of() : names(c.identifierList().identifier());
        return new Statement.CreateView(names(c.multipartIdentifier()), c.OR() != null, c.temporary != null,
                c.IF() != null, columns, query(c.query()), source.text(c.query()));
    }

    private Statement createTable(CreateTableContext c) {
        if (c.OR() != null && c.IF() != null) {
            throw source.error("CREATE TABLE cannot have both OR REPLACE and IF NOT EXISTS", c.IF().getSymbol());
        }
        List<ColumnDef> columns = columns(c.columnDefinition());
        if (c.query() != null && !columns.isEmpty()) {
            throw source.error("CREATE TABLE ... AS query takes its columns from the query: "
                    + "remove the column list", c.columnDefinition(0));
        }
        if (c.query() == null && columns.isEmpty() && c.format == null) {
            throw source.error("CREATE TABLE needs columns, USING format, or AS query", c.multipartIdentifier());
        }
        return new Statement.CreateTable(names(c.multipartIdentifier()), c.OR() != null, c.IF() != null, columns,
                c.format == null ? null : name(c.format), options(c.optionList()),
                c.query() == null ? null : query(c.query()));
    }

    private List<ColumnDef> columns(List<ColumnDefinitionContext> defs) {
        List<ColumnDef> out = new ArrayList<>(defs.size());
        List<String> seen = new ArrayList<>();
        for (ColumnDefinitionContext d : defs) {
            String name = name(d.identifier());
            if (seen.contains(name)) {
                throw source.error("column " + name + " is defined twice", d.identifier());
            }
            seen.add(name);
            out.add(new ColumnDef(name, DataTypes.build(d.dataType(), source), d.NOT() == null));
        }
        return List.copyOf(out);
    }

    /** {@code OPTIONS (path '/tmp/x', 'header' = 'true')}, in order; keys as written. */
    private Map<String, String> options(OptionListContext ctx) {
        if (ctx == null) {
            return Map.of();
        }
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, OptionItemContext> seen = new LinkedHashMap<>();
        for (OptionItemContext o : ctx.optionItem()) {
            String key = optionKey(o);
            if (seen.put(key.toLowerCase(Locale.ROOT), o) != null) {
                throw source.error("option '" + key + "' is given twice", o);
            }
            options.put(key, optionValue(o));
        }
        return Collections.unmodifiableMap(options);
    }

    private String optionKey(OptionItemContext o) {
        if (o.key.STRING() != null) {
            return Literals.unquote(o.key.STRING().getSymbol());
        }
        List<String> parts = new ArrayList<>();
        for (IdentifierContext id : o.key.identifier()) {
            Token t = id.getStart();
            parts.add(Identifiers.isQuoted(t) ? Identifiers.name(t, source) : t.getText());
        }
        return String.join(".", parts);
    }

    private String optionValue(OptionItemContext o) {
        var v = o.value;
        if (v.STRING() != null) {
            return Literals.unquote(v.STRING().getSymbol());
        }
        if (v.TRUE() != null || v.FALSE() != null) {
            return v.getText().toLowerCase(Locale.ROOT);
        }
        if (v.identifier() != null) {
            Token t = v.identifier().getStart();
            return Identifiers.isQuoted(t) ? Identifiers.name(t, source) : t.getText();
        }
        StringBuilder number = new StringBuilder();
        for (int i = 0; i < v.getChildCount(); i++) {
            number.append(v.getChild(i).getText());
        }
        return number.toString();
    }
}
