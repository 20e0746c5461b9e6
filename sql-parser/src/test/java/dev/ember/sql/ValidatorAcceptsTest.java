package dev.ember.sql;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each grammar feature, parsed and then validated by Calcite: the parser must build SqlNodes
 * the validator understands (operators, literals, joins, windows, hints, grouping sets, ...).
 */
class ValidatorAcceptsTest {

    private static CalciteSchema schema() {
        CalciteSchema schema = CalciteSchema.createRootSchema(false);
        for (String name : new String[] {"t", "u"}) {
            CalciteValidation.add(schema, name, f -> f.builder()
                    .add("a", SqlTypeName.INTEGER).nullable(true)
                    .add("b", SqlTypeName.INTEGER).nullable(true)
                    .add("c", SqlTypeName.VARCHAR).nullable(true)
                    .add("d", SqlTypeName.DATE).nullable(true)
                    .add("ts", SqlTypeName.TIMESTAMP, 3).nullable(true)
                    .add("x", SqlTypeName.DECIMAL, 10, 2).nullable(true)
                    .add("Mixed", SqlTypeName.INTEGER).nullable(true)
                    .build());
        }
        return schema;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select distinct a, b from t where a > 1 and c like 'x%' escape '!'",
        "select all a from t",
        "select t.*, u.b from t, u where t.a = u.a",
        "select a as x, b y from t order by x desc nulls last, 2 limit 10 offset 5",
        "select a from t fetch first 3 rows only",
        "select a, count(*), count(distinct b), sum(x) filter (where b > 0) from t group by a having count(*) > 1",
        "select a, b, sum(x) from t group by rollup(a, b)",
        "select a, b, sum(x) from t group by cube(a, b)",
        "select a, b, sum(x) from t group by grouping sets ((a, b), (a), ())",
        "select a, grouping(a) from t group by a",
        "select a, b, sum(x) from t group by 1, 2",
        "select * from t join u on t.a = u.a",
        "select * from t left join u using (a)",
        "select * from t right outer join u on t.a = u.a full join u u2 on u.b = u2.b",
        "select * from t cross join u",
        "select * from t join u",
        "select * from t natural join u",
        "select * from (select a from t) s(z) where z > 1",
        "select * from (values (1, 'a'), (2, 'b')) as v(id, name)",
        "select * from values 1, 2 as v(n)",
        "values (1, 'a'), (2, 'b')",
        "with w1 (k) as (select a from t), w2 as (select k from w1) select * from w2",
        "select a from t union select a from u",
        "select a from t union all select a from u order by a limit 2",
        "select a from t intersect select a from u except select b from u",
        "select a from t minus all select a from u",
        "(select a from t order by a limit 1) union all (select a from u)",
        "select (select max(a) from u) from t",
        "select a from t where a in (select a from u) and b not in (select b from u)",
        "select a from t where exists (select 1 from u where u.a = t.a) and not exists (select * from u)",
        "select a from t where (a, b) in (select a, b from u)",
        "select case a when 1 then 'x' else 'y' end, case when b > 1 then 1 end from t",
        "select cast(a as bigint), try_cast(c as int), a::varchar, cast(x as decimal(5, 1)) from t",
        "select coalesce(a, 0), nullif(b, 0), upper(c), lower(c), char_length(c) from t",
        "select a between 1 and 2, a not between symmetric 2 and 1, a in (1, 2), a not in (3) from t",
        "select c like 'a%', c not like 'a%', c ilike 'A%', c rlike 'a.*' from t",
        "select a is null, a is not null, a > 1 is true, a > 1 is not false, a is distinct from b, "
            + "a is not distinct from b, a <=> b from t",
        "select a + b * 2 - a / 3 % 2, -a, +b, -1, c || 'x' from t",
        "select 1, 1.5, 1e3, 'it''s', true, null, 10L, 2.5D, 1.5BD from t",
        "select date '2020-01-01', timestamp '2020-01-02 03:04:05.123', decimal '0.06' from t",
        "select d + interval '3' month, d - interval '90' day, ts + interval '1' hour, d + interval 3 days from t",
        "select d + interval '1-2' year to month, ts + interval '1 02:03:04' day to second from t",
        "select extract(year from d), extract(month from d), extract(dow from d), extract(hour from ts) from t",
        "select substring(c from 2 for 3), substring(c, 2), substr(c, 1, 2), position('a' in c), position('b', c) from t",
        "select trim(c), trim(leading 'x' from c), trim(both from c), trim(trailing 'y' from c) from t",
        "select current_date, current_timestamp from t",
        "select date('1994-01-01'), int(c), string(a) from t",
        "select row_number() over (partition by a order by b desc nulls last) from t",
        "select sum(x) over (order by b rows between unbounded preceding and current row) from t",
        "select sum(x) over (order by b rows between 1 preceding and 1 following) from t",
        "select sum(x) over (partition by a order by d range between interval '1' day preceding and current row) from t",
        "select rank() over w, sum(x) over (w rows 2 preceding) from t window w as (partition by a order by b)",
        "select lag(a, 1) ignore nulls over (order by b), lead(a) over (order by b) from t",
        // FILTER inside OVER parses (as with Calcite's parser) but Calcite 1.42 does not validate it.
        "select /*+ BROADCAST(u) */ t.a from t join u on t.a = u.a",
        "select /*+ REPARTITION(8), COALESCE(2) */ a from t",
        "select * from t left semi join u on t.a = u.a",
        "select * from t left anti join u on t.a = u.a",
        "select \"Mixed\", `Mixed` from t",
    })
    void validates(String sql) {
        RelDataType rowType = CalciteValidation.validate(schema(), EmberSqlParser.parseQuery(sql));
        assertThat(rowType.getFieldCount()).isPositive();
    }
}
