# Set operations: INTERSECT binds tighter than UNION and EXCEPT, which are left-associative
# mode: query
select a from t union select a from u
select a from t union all select a from u
select a from t union distinct select a from u
select a from t intersect select a from u
select a from t intersect all select a from u
select a from t except select a from u
select a from t except all select a from u
select a from t minus select a from u
select a from t minus all select a from u
select 1 union select 2 union select 3
select 1 union select 2 intersect select 3
select 1 intersect select 2 union select 3
select 1 except select 2 intersect select 3
select 1 union all select 2 except select 3
(select 1 union select 2) intersect select 3
select 1 union (select 2 union all select 3)
select a from t union select a from u order by a limit 3
(select a from t order by a limit 1) union all (select a from u order by a limit 1)
(select a from t) order by a
((select 1))
values 1, 2 union values 3
# mode: query-tree
select 1 union select 2 intersect select 3
select 1 intersect select 2 union select 3
select 1 except select 2 except select 3
select 1 union all select 2 union select 3
(select 1 union select 2) intersect select 3
