package dev.ember.engine;

import dev.ember.catalog.Catalog;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Points the table references of a query at the cached relations they name: {@code FROM items}
 * becomes {@code FROM cached.items} when {@code items} is cached. Done on the parsed query,
 * before analysis, because the analyzer trims unused columns out of expanded views, after which
 * a view's plan no longer equals the cached one. The implicit alias stays the same (the last name
 * part), so qualified column references still resolve. CTE names shadow cached names.
 */
final class CachedNameRewriter {
    private final Catalog catalog;
    /** Qualified name of the cached table or view (lower case, dot-joined) to the cache's table name. */
    private final Map<String, String> cached;

    CachedNameRewriter(Catalog catalog, Map<String, String> cached) {
        this.catalog = catalog;
        this.cached = cached;
    }

    SqlNode rewrite(SqlNode query) {
        visit(query, Set.of());
        return query;
    }

    private void visit(SqlNode node, Set<String> ctes) {
        switch (node) {
            case null -> { }
            case SqlSelect s -> {
                s.setFrom(from(s.getFrom(), ctes));
                visitAll(s.getSelectList(), ctes);
                visit(s.getWhere(), ctes);
                visit(s.getHaving(), ctes);
            }
            case SqlWith w -> {
                Set<String> inner = new HashSet<>(ctes);
                for (SqlNode item : w.withList) {
                    SqlWithItem wi = (SqlWithItem) item;
                    visit(wi.query, inner);
                    inner.add(wi.name.getSimple().toLowerCase(Locale.ROOT));
                }
                visit(w.body, inner);
            }
            case SqlNodeList list -> visitAll(list, ctes);
            case SqlCall c -> {
                for (SqlNode operand : c.getOperandList()) {
                    visit(operand, ctes);
                }
            }
            default -> { }
        }
    }

    private void visitAll(SqlNodeList list, Set<String> ctes) {
        if (list != null) {
            for (SqlNode n : list) {
                visit(n, ctes);
            }
        }
    }

    private SqlNode from(SqlNode from, Set<String> ctes) {
        switch (from) {
            case null -> {
                return null;
            }
            case SqlIdentifier id -> {
                return table(id, ctes);
            }
            case SqlJoin j -> {
                j.setLeft(from(j.getLeft(), ctes));
                j.setRight(from(j.getRight(), ctes));
                visit(j.getCondition(), ctes);
                return j;
            }
            case SqlBasicCall c when c.getKind() == SqlKind.AS -> {
                c.setOperand(0, from(c.operand(0), ctes));
                return c;
            }
            default -> {
                visit(from, ctes);
                return from;
            }
        }
    }

    private SqlNode table(SqlIdentifier id, Set<String> ctes) {
        if (id.names.size() == 1 && ctes.contains(id.names.get(0).toLowerCase(Locale.ROOT))) {
            return id;
        }
        return catalog.lookup(id.names).map(r -> {
            String target = cached.get(String.join(".", r.qualifiedName()).toLowerCase(Locale.ROOT));
            if (target == null || r.schemaPath().equals(List.of(CacheManager.SCHEMA))) {
                return (SqlNode) id;
            }
            return new SqlIdentifier(List.of(CacheManager.SCHEMA, target), id.getParserPosition());
        }).orElse(id);
    }
}
