-- The tables every corpus file starts from, created in Ember and in DuckDB alike.
-- Each INSERT becomes one partition of an Ember in-memory table.

-- Employees: NULLs in every nullable column, duplicate names and salaries, Unicode, an empty string.
CREATE TABLE emp (id INT NOT NULL, name VARCHAR, dept INT, salary DECIMAL(10,2), bonus DECIMAL(5,3), hired DATE, rating DOUBLE, active BOOLEAN, updated TIMESTAMP);
INSERT INTO emp VALUES
  (1, 'Alice', 10, 5000.00, 0.125, DATE '2019-03-15', 4.5, true, TIMESTAMP '2024-01-01 09:30:00'),
  (2, 'Bob', 10, 4200.50, NULL, DATE '2020-07-01', 3.0, true, TIMESTAMP '2024-01-02 17:45:10'),
  (3, 'Zoë', 20, 6100.00, 0.050, DATE '2018-11-30', NULL, false, NULL),
  (4, 'Émile', 20, 6100.00, 0.200, DATE '2021-01-31', 4.0, true, TIMESTAMP '2023-12-31 23:59:59'),
  (5, '李雷', 30, 3900.75, 0.000, DATE '2022-02-28', 2.5, NULL, TIMESTAMP '2024-02-29 12:00:00'),
  (6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO emp VALUES
  (7, 'alice', 30, 3900.75, 0.333, DATE '2024-02-29', -1.5, false, TIMESTAMP '2024-03-01 00:00:00'),
  (8, 'Ωmega', 40, 12000.00, 1.000, DATE '2000-01-01', 5.0, true, TIMESTAMP '2000-01-01 00:00:00.5'),
  (9, '', 10, 0.01, 0.001, DATE '1999-12-31', 0.0, true, TIMESTAMP '1999-12-31 23:59:59'),
  (10, 'Bob', NULL, -100.00, NULL, DATE '2020-07-01', 3.0, false, NULL);

-- Departments: one nobody works in, one with a NULL id, one NULL budget.
CREATE TABLE dept (id INT, name VARCHAR, budget DECIMAL(12,0), region VARCHAR);
INSERT INTO dept VALUES
  (10, 'Engineering', 100000, 'EU'),
  (20, 'Sales', 50000, 'US'),
  (30, 'Support', NULL, 'EU'),
  (50, 'Legal', 25000, NULL),
  (NULL, 'Unassigned', 0, 'US');

-- Numbers: negatives, zeros, duplicates, extremes, long and 128-bit decimals.
CREATE TABLE nums (i INT, b BIGINT, d DECIMAL(18,4), w DECIMAL(30,6), x DOUBLE);
INSERT INTO nums VALUES
  (1, 10000000000, 1.2345, 123456789012345678.123456, 1.5),
  (-1, -10000000000, -1.2345, -0.000001, -1.5),
  (0, 0, 0.0000, 0, 0.0),
  (NULL, NULL, NULL, NULL, NULL);
INSERT INTO nums VALUES
  (7, 9223372036854775807, 99999999999999.9999, 999999999999999999999999.999999, 1e300),
  (2, 2, 2.5000, 2.5, 2.5),
  (2, 2, 2.5000, 2.5, 2.5),
  (-7, -3, -0.5000, -0.5, -0.5);

-- No rows, and exactly one row.
CREATE TABLE empty_t (a INT, s VARCHAR, d DECIMAL(10,2));
CREATE TABLE one_row (a INT, s VARCHAR, d DECIMAL(10,2));
INSERT INTO one_row VALUES (42, 'only', 4.20);

-- Join inputs: duplicate keys, NULL keys, a two-column key, keys on one side only.
CREATE TABLE lt (k INT, k2 VARCHAR, lv INT);
INSERT INTO lt VALUES (1, 'a', 10), (1, 'a', 11), (2, 'b', 20), (3, NULL, 30);
INSERT INTO lt VALUES (NULL, 'n', 40), (NULL, NULL, 50), (5, 'e', 60);
CREATE TABLE rt (k INT, k2 VARCHAR, rv INT);
INSERT INTO rt VALUES (1, 'a', 100), (2, 'b', 200), (2, 'b', 201), (3, NULL, 300);
INSERT INTO rt VALUES (NULL, 'n', 400), (4, 'd', 500), (2, 'x', 202);

-- Sales for window functions: ties within partitions, a NULL region, NULL amounts.
CREATE TABLE sales (id INT, region VARCHAR, day DATE, amount DECIMAL(10,2), qty INT);
INSERT INTO sales VALUES
  (1, 'north', DATE '2024-01-01', 100.00, 1),
  (2, 'north', DATE '2024-01-02', 250.50, 3),
  (3, 'north', DATE '2024-01-02', 80.00, 3),
  (4, 'north', DATE '2024-01-05', NULL, 2),
  (5, 'north', DATE '2024-01-07', 100.00, 5),
  (6, 'south', DATE '2024-01-01', 40.00, 1);
INSERT INTO sales VALUES
  (7, 'south', DATE '2024-01-03', 40.00, 1),
  (8, 'south', DATE '2024-01-03', 60.25, 2),
  (9, 'south', DATE '2024-01-09', -10.00, NULL),
  (10, 'east', DATE '2024-01-04', 999.99, 7),
  (11, NULL, DATE '2024-01-01', 5.00, 1),
  (12, NULL, DATE '2024-01-02', NULL, NULL),
  (13, 'west', NULL, 70.00, 4),
  (14, 'west', DATE '2024-01-06', 70.00, 4);

-- Strings: LIKE metacharacters, empty, NULL, accents, CJK, emoji, padding.
CREATE TABLE strs (id INT, s VARCHAR);
INSERT INTO strs VALUES
  (1, 'hello'), (2, 'Hello World'), (3, '100%'), (4, 'a_b'), (5, 'axb'), (6, ''), (7, NULL),
  (8, 'naïve café'), (9, '日本語テキスト'), (10, '  padded  '), (11, '😀 emoji'), (12, 'abcabc');
