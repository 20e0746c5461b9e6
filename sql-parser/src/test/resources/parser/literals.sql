# Literals: exact and approximate numbers, strings, DATE/TIMESTAMP/DECIMAL, intervals
# mode: expression-tree
1
0
007
123456789012345678901234567890
1.5
1.
.5
0.000
1e3
1E-3
1.5e+10
.5e2
10L
10S
10Y
1.5D
1D
1.5F
1.5BD
1e3D
'abc'
''
'it''s'
'a''''b'
'multi word  string'
'ünïcödé'
true
TRUE
false
null
NULL
date '1998-12-01'
DATE '2024-02-29'
date '2020-1-5'
timestamp '2020-01-02 03:04:05'
timestamp '2020-01-02 03:04:05.123'
timestamp '2020-01-02T03:04:05.123456'
timestamp '2020-01-02'
timestamp '2020-01-02 03:04'
decimal '0.06'
DECIMAL '-1.50'
numeric '12'
interval '3' month
INTERVAL '90' DAY
interval '1' year
interval '2' quarter
interval '2' week
interval '5' hour
interval '30' minute
interval '1.5' second
interval '365' day
interval 3 months
interval 1 year
interval 10 days
interval 1.5 seconds
interval -3 days
interval '-3' day
interval - '3' day
interval + '3' day
interval '1-2' year to month
interval '1 02' day to hour
interval '1 02:03' day to minute
interval '1 02:03:04.5' day to second
interval '02:03' hour to minute
interval '02:03:04' hour to second
interval '03:04' minute to second
date '1998-12-01' - interval '90' day
# mode: expression
date '1998-12-01' - interval '90' day
interval '1-2' year to month
timestamp '2020-01-02 03:04:05.123'
1e3
1.5BD
# mode: expression
date '1998-13-01'
date '1998-02-30'
date 'yesterday'
date ''
timestamp '2020-01-02 25:00:00'
timestamp '2020-01-02 10:00:00.1234567890'
timestamp 'now'
decimal 'abc'
interval '1-13' year to month
interval 'abc' day
interval '1.5' day
interval '3' fortnight
interval '1' month to day
interval '1' day to month
interval 3
blob 'abc'
1e999
-1e999
1e308
10x
1e
1.5abc
0x1F
