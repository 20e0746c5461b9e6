# Identifiers: unquoted names are lower-cased, quoted ones keep their case; non-reserved
# keywords work as names; reserved ones need quotes
# mode: query
select A, Bc, DEF from T
select "A", "Bc", `DEF` from "T"
select "a""b", `a``b` from t
select "select", `from`, "where" from "table"
select t."Col", T.col, "Sch"."Tbl"."Col" from "Sch"."Tbl" t
select date, year, month, day, value, type, comment, name, count, first, last from t
select position, key, data, language, timestamp, interval, filter, over, range, rows from t
select show, tables, set, reset, use, cache, query, view, temp, options from t
select sets, cube, rollup, grouping, current, unbounded, preceding, following, nulls from t
select date from date
select year(date), month(d) from t
select count from t group by count
select a.date, b.year from t a, u b
select ünïcödé, naïve_col from t
select _a, a_1, a$b from t
select a from t as date
select first.a from t first
select 1 as date, 2 value, 3 "select"
select d.date + interval '1' day from dates d
# mode: expression
"Mixed"
"with space"
"" 
select
from
t.from
table
