# Subqueries wherever an expression may go
# mode: query
select (select max(a) from t) from u
select a from t where a = (select max(a) from u)
select a from t where a in (select a from u)
select a from t where a not in (select a from u)
select a from t where exists (select 1 from u where u.a = t.a)
select a from t where not exists (select 1 from u where u.a = t.a)
select a from t where exists(select * from u)
select a from t where (a, b) in (select a, b from u)
select a from t where a > (select avg(a) from u) and b in (select b from v where v.c = t.c)
select a, (select count(*) from u where u.a = t.a) cnt from t
select a from t group by a having count(*) > (select count(*) from u)
select a from t order by (select max(b) from u where u.a = t.a)
select case when exists (select 1 from u) then 1 else 0 end from t
select a from t where a in ((select 1), 2)
select a from t where a = any_value((select 1))
select a from t where a in (select a from u union select a from v)
select a from t where a in (with w as (select 1 a) select a from w)
select ((select 1)) + 1
select a from t where a in (select a from u order by a limit 3)
