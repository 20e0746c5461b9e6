# Positions: every node knows where it came from (line:column-line:column, 1-based, inclusive)
# mode: expression-positions
a + b
l_extendedprice * (1 - l_discount)
t.a
"Quoted Name"
count(*)
sum(a) filter (where b > 1)
f(a) over (partition by b order by c)
cast(a as decimal(10, 2))
date '2020-01-01'
interval '3' month
a between 1 and 2
a not in (1, 2)
case when a then b else c end
-1
-a
# mode: query-positions
select a from t
select a, b as c from t where a > 1
select * from t join u on t.a = u.a
<<<
select a,
       b
from t
where a = 'x
y'
  and b = 1
>>>
select a from t order by a limit 1
select 1 union select 2
select t.* from t x
