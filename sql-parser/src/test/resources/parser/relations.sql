# FROM: tables, aliases, joins, derived tables, VALUES as a table
# mode: query
select * from t
select * from db.t
select * from cat.db.t
select * from t x
select * from t as x
select * from t as x(a, b)
select * from t x(a)
select * from t, u
select * from t, u, v
select * from t join u on t.a = u.a
select * from t inner join u on t.a = u.a
select * from t left join u on t.a = u.a
select * from t left outer join u on t.a = u.a
select * from t right join u on t.a = u.a
select * from t right outer join u on t.a = u.a
select * from t full join u on t.a = u.a
select * from t full outer join u on t.a = u.a
select * from t cross join u
select * from t join u using (a)
select * from t join u using (a, b)
select * from t left join u using (a)
select * from t natural join u
select * from t natural left join u
select * from t left semi join u on t.a = u.a
select * from t semi join u on t.a = u.a
select * from t left anti join u on t.a = u.a
select * from t anti join u using (a)
select * from t join u
select * from t left join u
select * from t cross join u on t.a = u.a
select * from t join u on t.a = u.a join v on u.b = v.b
select * from t join u on t.a = u.a left join v on u.b = v.b, w
select * from t, u join v on u.a = v.a
select * from t join (u join v on u.a = v.a) on t.a = u.a
select * from (t join u on t.a = u.a)
select * from (select a from t) x
select * from (select a from t) as x (b)
select * from (select a from t)
select * from (select a from t) x join (select b from u) y on x.a = y.b
select * from (values (1, 'a'), (2, 'b')) as v(id, name)
select * from values (1, 'a'), (2, 'b') as v(id, name)
select * from values 1, 2, 3 as v(x)
select * from (values (1)) v
select * from t x join t y on x.a = y.a
select * from (with w as (select 1 a) select a from w) q
select * from (select a from t union select a from u) s
select * from t tablename where tablename.a = 1
