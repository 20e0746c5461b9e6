# SELECT: select lists, DISTINCT/ALL, stars, aliases, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT
# mode: query
select 1
SELECT a, b FROM t
select distinct a from t
select all a from t
select distinct a, b from t where a > 1
select * from t
select t.* from t
select s.t.*, u.* from s.t, u
select *, a from t
select a as x, b y, c AS "Mixed Case", d `back` from t
select a x from t where a = 1
select count(*) from t
select a, count(*) from t group by a
select a, b, sum(c) from t group by 1, 2
select a, sum(b) from t group by a having sum(b) > 10
select a from t having count(*) > 1
select a, b, sum(c) from t group by rollup(a, b)
select a, b, sum(c) from t group by cube(a, b)
select a, b, sum(c) from t group by grouping sets ((a, b), (a), ())
select a, b, sum(c) from t group by grouping sets (a, rollup(a, b), cube(b))
select a, b, sum(c) from t group by a, rollup(b, (c, d))
select a, b, grouping(a), sum(c) from t group by grouping sets ((a), (b))
select a from t group by ()
select a from t group by (a, b)
select a from t order by a
select a from t order by a asc, b desc
select a from t order by a nulls first, b desc nulls last, c asc nulls last
select a, b from t order by 2 desc, 1
select a from t order by a + 1 desc
select a from t limit 10
select a from t limit all
select a from t order by a limit 10 offset 5
select a from t offset 5
select a from t offset 5 rows
select a from t offset 5 limit 10
select a from t fetch first 3 rows only
select a from t fetch next 1 row only
select a from t fetch first row only
select a from t order by a offset 10 rows fetch next 5 rows only
select a, rank() over w from t window w as (partition by a order by b)
select sum(a) over w1, avg(a) over w2 from t window w1 as (partition by b), w2 as (w1 order by c)
select /*+ BROADCAST(u) */ * from t join u on t.a = u.a
select /*+ broadcast(u), merge(t, u) */ a from t, u
select /*+ BROADCAST(db.u) SHUFFLE_HASH(t) */ a from t
select /*+ REPARTITION(8) */ a from t
select /*+ COALESCE(3, 'x') */ a from t
select /*+ OPTS(k = 'v', 'k2' = 2) */ a from t
select /*+ NO_HINT_ARGS */ a from t
select /*+ */ a from t
select /*+ broadcast(u) */ distinct a from t
select /* not a hint */ a from t
select a /*+ not a hint either */ from t
<<<
SELECT
  a,
  b
FROM t
WHERE a = 1
GROUP BY a, b
HAVING count(*) > 0
ORDER BY a
LIMIT 5
>>>
# mode: statement
select a from t;
select a from t ;
