# Syntax errors: each points at the offending token and says what was expected
# mode: statement
selec 1
SELEC * FROM t
slect a from t
select * form t
select a form t
select a frm t
select a from t were a = 1
select a from t where a = 1 grup by a
select a from t oder by a
select a from t order a
select a from t group a
select a from t limit
select a from t limit x
select a from t limit 1.5
select 1 +
select 1 +   
select (1 + 2
select ((1 + 2)
select (1 + 2))
select f(1, 2
select f(1,)
select f(,1)
select a, from t
select a,, b from t
select from t
select
select * from
select * from t where
select * from t where a =
select * from t where a = 1 and
select * from t where a between 1
select * from t where a between 1 and
select * from t where a in ()
select * from t where a in (1, 2
select * from t where a is
select * from t where a is not
select * from t where a like
select * from t where a not
select * from t group by
select * from t order by
select * from t order by a desc nulls
select * from t join u
select * from t join u on
select * from t join u using a
select * from t join on t.a = u.a
select * from t left u
select * from t natural cross join u
select a b c from t
select 1 2
select case when a then 1
select case a end
select case end
select cast(a as) from t
select cast(a int) from t
select cast(a as unknown_type) from t
select cast(a as decimal(10, 2, 1)) from t
select a from t union
select a from t union select
select * from (select a from t
select * from (select a from t) x (
select count(distinct) from t
select sum(a) filter (b > 1) from t
select sum(a) over (rows between) from t
select a from t where a = 'unterminated
select a from t where "unterminated = 1
select a from `unterminated
select 1 /* unterminated comment
<<<
select a,
       b
from t
where a = 'starts here
and continues
>>>
select a from t where a = 1 # b
select a from t where a = 1 ; @
select 'a' 'b'
select a from t t2 t3
select * from t where a = = 1
select * from t where a == = 1
select 1 is null is
select a.b. from t
select a. * from t
select t.*.a from t
select a from t window
select a from t window w
select a from t window w as
select * from t, where a = 1
values
values ()
with
with a as select 1
with a as (select 1)
create
create table
create table t (
create table t (a)
create table t (a int
create view v select 1
create view v as
drop t
drop table
insert t values (1)
insert into t
insert into t values
insert into t values (1
show
show table
show columns t
describe
use
cache t
cache table
uncache t
clear
analyze t
analyze table t
analyze table t compute statistics for columns
call f
call
explain
explain select
explain foo select 1
set a.b.
set = 1
reset a b
@
#
?
select ?
select $1
select a from t where b = 'x' and c = "y
<<<
select a
from t
where a = 1
  and b = 2 +
>>>
<<<
select a
from t
where a = 1
  and b = (2
order by a
>>>
<<<
SELECT l_returnflag, sum(l_quantity)
FROM lineitem
WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY
GROUP l_returnflag
>>>
# mode: query
create table t (a int)
select 1; select 2
select 1;
set a = 1

# mode: expression
a +
a b c
a as
select 1
a, b
1 +* 2
(a
)
count(*
