# Scripts: several statements separated by ';', comments, empty statements
# mode: script
select 1
select 1;
select 1; select 2
select 1;select 2;
;;select 1;;;select 2;;

-- only a comment
/* only a block comment */
-- a comment; with a semicolon
select 'a;b'; select "x;y" from t
select 1 -- trailing comment
select /* inline */ 1
select 1 /* a */ + /* b */ 2
select 1 /*+ a hint-looking comment after 1 */
/*+ comment at the start */ select 1
/* multi-star *** comment **/ select 1
select 1 /**/
select 1 --; select 2
<<<
-- header comment
SET ember.sql.shuffle.partitions = 8;

CREATE TEMP VIEW v AS
  SELECT a FROM t;  -- trailing

SELECT * FROM v;
>>>
<<<
select 1;
  select 2
  ; select 3
>>>
<<<
select 1 /* a comment
spanning lines */ + 2;
select 'multi
line string'
>>>
<<<
select a, -- first column
       b  -- second column
from t
>>>
<<<
select a from t;
selec b from t;
>>>
<<<
select 1;
select (2;
>>>
# mode: statement
select 1;;
select 1; select 2

<<<
>>>
-- nothing else
;
