# WITH: several CTEs, one referring to another, column lists, WITH in subqueries
# mode: query
with a as (select 1 x) select x from a
with a as (select 1 x), b as (select x from a) select * from b
with a (x, y) as (select 1, 2) select x + y from a
with a as (select 1) select * from a union all select * from a
with a as (select 1 x) select x from a order by x limit 1
with a (select 1 x) select * from a
with a as (with b as (select 1 y) select y from b) select y from a
select * from (with a as (select 1 x) select x from a) t
select (with a as (select 1 x) select x from a)
<<<
WITH revenue AS (
  SELECT l_suppkey AS supplier_no, sum(l_extendedprice * (1 - l_discount)) AS total_revenue
  FROM lineitem
  GROUP BY l_suppkey
),
top AS (SELECT max(total_revenue) AS m FROM revenue)
SELECT supplier_no FROM revenue, top WHERE total_revenue = m
>>>
