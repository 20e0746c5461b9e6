# Operators and their precedence, shown as trees: (OP operand ...)
# mode: expression-tree
a + b * c
(a + b) * c
a - b - c
a - (b - c)
a / b * c
a % b + c
-a * b
- a - b
-(a + b)
+a
--a
- -a
-1
-1.5
- 2
-(2)
-x::int
1 + 2 = 3
a = b = c
a < b and b <= c or c > d and d >= e
a or b and c
(a or b) and c
not a and b
not a = b
not not a
not (a and b)
a || b || c
a || b + c
a + b || c
a = b || c
a != b
a <> b
a == b
a <=> b
a is null and b is not null
a = b is null
a + 1 between 1 and 2
a between 1 and 2 and b
a not between 1 and 2
a between symmetric 2 and 1
a not between symmetric 2 and 1
a between asymmetric 1 and 2
a in (1, 2, 3)
a not in (1)
a + 1 in (1, 2)
a like 'x%'
a not like 'x%'
a like 'x!%' escape '!'
a not like 'x!%' escape '!'
a ilike 'X%'
a not ilike 'X%'
a rlike '^x.*'
a not rlike '^x.*'
a like b || '%'
a is true
a is not true
a is false
a is not false
a is unknown
a is not unknown
a is distinct from b
a is not distinct from b
a is distinct from b + 1
not a is null
a::int
a::decimal(10, 2) + 1
(a + b)::bigint
a::varchar::int
f(a)::int
(a, b)
(a, b) = (1, 2)
(a)
((a))
# mode: expression
a + b * c - d / e % f
(a + b) * (c - d)
a and (b or c) and not d
x between y + 1 and z * 2
l_extendedprice * (1 - l_discount) AS revenue
l_extendedprice * (1 - l_discount) revenue
a.b
t.a + 1 as "Total"
*
count(*) as n
