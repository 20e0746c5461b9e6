# Engine commands and DDL, as Statement records
# mode: statement
explain select 1
explain logical select 1
explain optimized select 1
explain extended select 1
explain physical select 1
explain analyze select 1
explain formatted select a from t
explain lineage select 1
explain create table t as select 1
explain analyze table t compute statistics
explain explain select 1
set
SET -v
set -x
SET ember.sql.shuffle.partitions = 8
set ember.sql.shuffle.partitions=8
set ember.memory.limit = 512m
set ember.join.broadcast.threshold = 10MB
set a.b = 'quoted value'
set a.b = "double quoted"
set a.b = /tmp/some path/x.csv
set a.b =
set a.b = it's
set ember.cache.table.lazy = true
set spark.sql.select.from.where = 1
set a b = 1
set 1a = 2
set a.b = x; select 1
reset
RESET ember.sql.shuffle.partitions
use tiny
USE tpch.tiny
use "My Schema"
show tables
show tables in tpch.tiny
show tables from tiny
show tables like 'line*'
show tables 'line*'
show tables in tiny like 'o*'
show schemas
show databases
show schemas like 't*'
show functions
show functions like 'sum*'
show columns from lineitem
show columns in tpch.tiny.lineitem
show columns from lineitem in tpch.tiny
show columns from tiny.lineitem from tiny
show columns from sf1.lineitem from tiny
show cache
describe t
describe table tpch.tiny.lineitem
desc t
desc table "Quoted"
describe extended t
describe formatted tpch.tiny.lineitem
describe t a
desc extended t `a`
describe select a from t
describe query select 1
desc (select 1) union (select 2)
describe with w as (select 1) select * from w
create view v as select 1
create or replace view v as select a from t
create temp view v as select 1
create temporary view v as select 1
create or replace temporary view v (x, y) as select 1, 2
create view if not exists db.v as select 1
create or replace view if not exists v as select 1
<<<
create view v as
  select a,   b   -- spacing kept
  from t
>>>
create temp view csv_view using csv options (path '/tmp/x.csv', header 'true')
create or replace temporary view pq (a int, b string) using parquet options (path = '/data/p')
create temp view v using arrow
create table t (a int, b string)
create table t (a int not null, b decimal(15, 2) null, c date, d varchar(10), e double precision)
create table if not exists db.t (a bigint)
create or replace table t (a long, b text, c boolean, d timestamp, e float, f char(1), g tinyint, h smallint)
create table t using parquet options (path '/data/t.parquet')
create table t (a int) using csv options (path '/tmp/t.csv', header true, delimiter '|', 'inferSchema' = 'false', sep.char ',', n 10, m -1.5)
create table t as select * from u
create table t select 1 as a
create table t using parquet as select 1 as a
create table t
create table t (a int) as select 1
create or replace table if not exists t (a int)
create table t (a int, a string)
create table t (a int) using csv options (path 'x', PATH 'y')
create table t (a blob)
create table t (a int(3))
create table t (a decimal(2, 5))
create table t (a varchar(0))
create table t (a decimal(10, 99999999999))
create table t (a decimal(10, 0), b varchar(65536), c timestamp(9))
insert into t values (1, 'a')
insert into t values (1, 'a'), (2, 'b')
insert into table t values 1, 2
insert into t (a, b) values (1, 2)
insert into t select * from u
insert into db.t (a) select a from u where a > 1
insert overwrite t select * from u
insert overwrite table t (a) values (1)
insert into t with w as (select 1) select * from w
drop table t
drop table if exists db.t
drop view v
drop view if exists v
cache table t
cache lazy table t
cache table t as select * from u
cache table t select * from u
cache lazy table t options ('storageLevel' 'DISK_ONLY')
cache table t options ('storageLevel' = 'MEMORY_ONLY') as select 1
uncache table t
uncache table if exists db.t
clear cache
analyze table t compute statistics
analyze table t compute statistics noscan
analyze table t compute statistics for columns a, b
analyze table db.t compute statistics for all columns
call tpch_export('sf1', 'parquet', '/tmp/x')
call sys.refresh()
call f(1 + 2, date '2020-01-01', x)
