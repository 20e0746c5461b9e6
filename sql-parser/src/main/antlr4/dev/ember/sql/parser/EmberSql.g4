/*
 * Ember's SQL dialect: Spark SQL's query language plus the engine's commands.
 *
 * The grammar owns syntax only; AstBuilder and friends (dev.ember.sql) turn the parse tree into
 * Calcite SqlNodes and Statement records, and Calcite gives them meaning.
 *
 * Conventions, as in Spark's SqlBaseParser.g4:
 * - keywords are case-insensitive; every keyword that is not in the reserved list (see
 *   `nonReserved` at the end) may also be used as an identifier;
 * - precedence comes from the order of the alternatives of the left-recursive rules
 *   (earlier binds tighter);
 * - rules that the error reporter names in words ("an expression", "a name", ...) are listed in
 *   SyntaxErrors: renaming them here means updating it there.
 */
grammar EmberSql;

options { caseInsensitive = true; }

@lexer::members {
    /** Type of the last token on the default channel: a hint comment is a hint only right after SELECT. */
    private int lastDefaultType = Token.INVALID_TYPE;
    /** Inside a hint, where a star-slash closes the hint rather than reading as '*' '/'. */
    private boolean inHint;

    @Override
    public Token nextToken() {
        Token token = super.nextToken();
        if (token.getChannel() == Token.DEFAULT_CHANNEL) {
            lastDefaultType = token.getType();
        }
        return token;
    }

    private boolean hintAhead() {
        return _input.LA(1) == '+' && lastDefaultType == SELECT;
    }
}

// ---------------------------------------------------------------------------------------------
// Entry points

script
    : statement? (SEMICOLON statement?)* EOF
    ;

singleQuery
    : query SEMICOLON? EOF
    ;

singleExpression
    : (star | namedExpression) EOF
    ;

// ---------------------------------------------------------------------------------------------
// Statements

statement
    : query                                                                    #queryStatement
    | EXPLAIN explainMode? statement                                           #explain
    | SET                                                                      #showConfig
    | SET MINUS identifier                                                     #showConfigVerbose
    | SET key=configKey EQ value=configValue?                                  #setConfig
    | RESET configValue?                                                       #resetConfig
    | USE multipartIdentifier                                                  #use
    | SHOW TABLES ((FROM | IN) multipartIdentifier)? (LIKE? pattern=STRING)?   #showTables
    | SHOW (SCHEMAS | DATABASES) (LIKE? pattern=STRING)?                       #showSchemas
    | SHOW FUNCTIONS (LIKE? pattern=STRING)?                                   #showFunctions
    | SHOW COLUMNS (FROM | IN) table=multipartIdentifier
        ((FROM | IN) schema=multipartIdentifier)?                              #showColumns
    | SHOW CACHE                                                               #showCache
    | (DESCRIBE | DESC) TABLE? (EXTENDED | FORMATTED)? multipartIdentifier column=identifier?  #describeTable
    | (DESCRIBE | DESC) QUERY? query                                           #describeQuery
    | CREATE (OR REPLACE)? (temporary=(TEMP | TEMPORARY))? VIEW
        (IF NOT EXISTS)? multipartIdentifier identifierList? AS query          #createView
    | CREATE (OR REPLACE)? temporary=(TEMP | TEMPORARY) VIEW multipartIdentifier
        (LEFT_PAREN columnDefinition (COMMA columnDefinition)* RIGHT_PAREN)?
        USING format=identifier (OPTIONS optionList)?                          #createTempViewUsing
    | CREATE (OR REPLACE)? TABLE (IF NOT EXISTS)? multipartIdentifier
        (LEFT_PAREN columnDefinition (COMMA columnDefinition)* RIGHT_PAREN)?
        (USING format=identifier)? (OPTIONS optionList)? (AS? query)?          #createTable
    | INSERT (INTO | OVERWRITE) TABLE? multipartIdentifier identifierList? query  #insert
    | DROP (TABLE | VIEW) (IF EXISTS)? multipartIdentifier                     #drop
    | CACHE LAZY? TABLE multipartIdentifier (OPTIONS optionList)? (AS? query)? #cacheTable
    | UNCACHE TABLE (IF EXISTS)? multipartIdentifier                           #uncacheTable
    | CLEAR CACHE                                                              #clearCache
    | ANALYZE TABLE multipartIdentifier COMPUTE STATISTICS
        (NOSCAN | FOR COLUMNS identifier (COMMA identifier)* | FOR ALL COLUMNS)?  #analyzeTable
    | CALL multipartIdentifier LEFT_PAREN (expression (COMMA expression)*)? RIGHT_PAREN  #call
    ;

explainMode
    : LOGICAL | OPTIMIZED | PHYSICAL | ANALYZE | FORMATTED | LINEAGE | EXTENDED
    ;

// SET takes the raw text on either side of '=': keys are dotted names that may contain any
// word (even reserved ones), values are whatever the setting understands ("10s", "/tmp/x").
configKey
    : (~(EQ | SEMICOLON))+
    ;

configValue
    : (~SEMICOLON)+
    ;

columnDefinition
    : identifier dataType (NOT NULL | NULL)?
    ;

optionList
    : LEFT_PAREN optionItem (COMMA optionItem)* RIGHT_PAREN
    ;

optionItem
    : key=optionKey EQ? value=optionValue
    ;

optionKey
    : identifier (DOT identifier)*
    | STRING
    ;

optionValue
    : STRING
    | (MINUS | PLUS)? (INTEGER_VALUE | DECIMAL_VALUE | EXPONENT_VALUE)
    | TRUE
    | FALSE
    | identifier
    ;

// ---------------------------------------------------------------------------------------------
// Queries

query
    : withClause? queryTerm queryOrganization
    ;

withClause
    : WITH namedQuery (COMMA namedQuery)*
    ;

namedQuery
    : name=identifier identifierList? AS? LEFT_PAREN query RIGHT_PAREN
    ;

queryOrganization
    : (ORDER BY sortItem (COMMA sortItem)*)? limitClause?
    ;

limitClause
    : LIMIT (ALL | limit=INTEGER_VALUE) (OFFSET offset=INTEGER_VALUE (ROW | ROWS)?)?
    | OFFSET offset=INTEGER_VALUE (ROW | ROWS)? (LIMIT (ALL | limit=INTEGER_VALUE) | fetchFirst)?
    | fetchFirst
    ;

fetchFirst
    : FETCH (FIRST | NEXT) limit=INTEGER_VALUE? (ROW | ROWS) ONLY
    ;

// INTERSECT binds tighter than UNION and EXCEPT, as the SQL standard says.
queryTerm
    : queryPrimary                                                                  #queryTermDefault
    | left=queryTerm op=INTERSECT setQuantifier? right=queryTerm                    #setOperation
    | left=queryTerm op=(UNION | EXCEPT | SETMINUS) setQuantifier? right=queryTerm  #setOperation
    ;

queryPrimary
    : querySpecification                                      #queryPrimaryDefault
    | VALUES expression (COMMA expression)*                   #inlineTable
    | LEFT_PAREN query RIGHT_PAREN                            #parenthesizedQuery
    ;

querySpecification
    : SELECT hint? setQuantifier? selectItem (COMMA selectItem)*
        fromClause?
        (WHERE where=booleanExpression)?
        groupByClause?
        (HAVING having=booleanExpression)?
        windowClause?
    ;

hint
    : HINT_START (hintStatement (COMMA? hintStatement)*)? HINT_END
    ;

hintStatement
    : name=identifier (LEFT_PAREN hintParameter (COMMA hintParameter)* RIGHT_PAREN)?
    ;

hintParameter
    : multipartIdentifier                 #hintIdentifier
    | literal                             #hintLiteral
    | (keyName=identifier | keyString=STRING) EQ value=literal  #hintKeyValue
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

selectItem
    : star
    | namedExpression
    ;

star
    : (qualifiedName DOT)? ASTERISK
    ;

namedExpression
    : expression (AS? alias=identifier)?
    ;

fromClause
    : FROM relation (COMMA relation)*
    ;

relation
    : relationPrimary joinRelation*
    ;

joinRelation
    : joinType JOIN right=relationPrimary joinCriteria?
    | NATURAL joinType JOIN right=relationPrimary
    ;

joinType
    : INNER?
    | CROSS
    | LEFT OUTER?
    | LEFT? SEMI
    | LEFT? ANTI
    | RIGHT OUTER?
    | FULL OUTER?
    ;

joinCriteria
    : ON booleanExpression
    | USING identifierList
    ;

relationPrimary
    : multipartIdentifier tableAlias                                  #tableName
    | LEFT_PAREN query RIGHT_PAREN tableAlias                         #aliasedQuery
    | LEFT_PAREN relation RIGHT_PAREN tableAlias                      #aliasedRelation
    | VALUES expression (COMMA expression)* tableAlias                #inlineTableRelation
    ;

tableAlias
    : (AS? identifier identifierList?)?
    ;

groupByClause
    : GROUP BY groupingElement (COMMA groupingElement)*
    ;

groupingElement
    : ROLLUP LEFT_PAREN groupingSet (COMMA groupingSet)* RIGHT_PAREN             #rollup
    | CUBE LEFT_PAREN groupingSet (COMMA groupingSet)* RIGHT_PAREN               #cube
    | GROUPING SETS LEFT_PAREN groupingElement (COMMA groupingElement)* RIGHT_PAREN  #groupingSets
    | groupingSet                                                                #singleGroupingSet
    ;

groupingSet
    : LEFT_PAREN RIGHT_PAREN
    | expression
    ;

windowClause
    : WINDOW namedWindow (COMMA namedWindow)*
    ;

namedWindow
    : name=identifier AS windowSpec
    ;

windowSpec
    : LEFT_PAREN base=identifier?
        (PARTITION BY partition+=expression (COMMA partition+=expression)*)?
        (ORDER BY sortItem (COMMA sortItem)*)?
        windowFrame?
      RIGHT_PAREN
    ;

windowFrame
    : frameType=(ROWS | RANGE) start=frameBound
    | frameType=(ROWS | RANGE) BETWEEN start=frameBound AND end=frameBound
    ;

frameBound
    : UNBOUNDED boundType=(PRECEDING | FOLLOWING)
    | CURRENT ROW
    | valueExpression boundType=(PRECEDING | FOLLOWING)
    ;

sortItem
    : expression ordering=(ASC | DESC)? (NULLS nullOrder=(FIRST | LAST))?
    ;

// ---------------------------------------------------------------------------------------------
// Expressions, loosest binding first

expression
    : booleanExpression
    ;

booleanExpression
    : NOT booleanExpression                                         #logicalNot
    | EXISTS LEFT_PAREN query RIGHT_PAREN                           #exists
    | valueExpression predicate?                                    #predicated
    | left=booleanExpression op=AND right=booleanExpression         #logicalBinary
    | left=booleanExpression op=OR right=booleanExpression          #logicalBinary
    ;

predicate
    : NOT? kind=BETWEEN (ASYMMETRIC | symmetric=SYMMETRIC)?
        lower=valueExpression AND upper=valueExpression                          #betweenPredicate
    | NOT? kind=IN LEFT_PAREN query RIGHT_PAREN                                  #inSubqueryPredicate
    | NOT? kind=IN LEFT_PAREN expression (COMMA expression)* RIGHT_PAREN         #inListPredicate
    | NOT? kind=(LIKE | ILIKE | RLIKE) pattern=valueExpression
        (ESCAPE escape=valueExpression)?                                         #likePredicate
    | IS NOT? kind=(NULL | TRUE | FALSE | UNKNOWN)                               #isPredicate
    | IS NOT? kind=DISTINCT FROM right=valueExpression                           #distinctFromPredicate
    | comparisonOperator quantifier=(ALL | ANY | SOME) LEFT_PAREN query RIGHT_PAREN  #quantifiedComparison
    ;

valueExpression
    : primaryExpression                                                             #valueExpressionDefault
    | op=(MINUS | PLUS) valueExpression                                             #arithmeticUnary
    | left=valueExpression op=(ASTERISK | SLASH | PERCENT) right=valueExpression    #arithmeticBinary
    | left=valueExpression op=(PLUS | MINUS) right=valueExpression                  #arithmeticBinary
    | left=valueExpression op=CONCAT_PIPE right=valueExpression                     #arithmeticBinary
    | left=valueExpression comparisonOperator right=valueExpression                 #comparison
    ;

comparisonOperator
    : EQ | NEQ | NEQJ | LT | LTE | GT | GTE | NSEQ
    ;

primaryExpression
    : literal                                                                       #literalExpression
    | CASE whenClause+ (ELSE elseExpression=expression)? END                        #searchedCase
    | CASE value=expression whenClause+ (ELSE elseExpression=expression)? END       #simpleCase
    | castKind=(CAST | TRY_CAST) LEFT_PAREN expression AS dataType RIGHT_PAREN      #cast
    | EXTRACT LEFT_PAREN field=timeUnit FROM expression RIGHT_PAREN                 #extract
    | (SUBSTRING | SUBSTR) LEFT_PAREN str=valueExpression FROM from=valueExpression
        (FOR length=valueExpression)? RIGHT_PAREN                                   #substring
    | POSITION LEFT_PAREN needle=valueExpression IN haystack=valueExpression RIGHT_PAREN  #position
    | TRIM LEFT_PAREN trimOption=(BOTH | LEADING | TRAILING)?
        trimChar=valueExpression? FROM str=valueExpression RIGHT_PAREN              #trim
    | name=(CURRENT_DATE | CURRENT_TIMESTAMP) (LEFT_PAREN RIGHT_PAREN)?             #currentDatetime
    | functionName LEFT_PAREN ASTERISK RIGHT_PAREN
        filterClause? overClause?                                                   #countStar
    | functionName LEFT_PAREN (setQuantifier? expression (COMMA expression)*)? RIGHT_PAREN
        filterClause? nullsTreatment? overClause?                                   #functionCall
    | LEFT_PAREN query RIGHT_PAREN                                                  #subqueryExpression
    | LEFT_PAREN expression (COMMA expression)+ RIGHT_PAREN                         #rowConstructor
    | LEFT_PAREN expression RIGHT_PAREN                                             #parenthesizedExpression
    | qualifiedName                                                                 #columnReference
    | primaryExpression DOUBLE_COLON dataType                                       #postfixCast
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

filterClause
    : FILTER LEFT_PAREN WHERE booleanExpression RIGHT_PAREN
    ;

nullsTreatment
    : (IGNORE | RESPECT) NULLS
    ;

overClause
    : OVER (windowName=identifier | windowSpec)
    ;

functionName
    : qualifiedName
    | LEFT
    | RIGHT
    ;

literal
    : NULL                                                                          #nullLiteral
    | (TRUE | FALSE)                                                                #booleanLiteral
    | number                                                                        #numericLiteral
    | STRING                                                                        #stringLiteral
    | INTERVAL sign=(MINUS | PLUS)? value=(STRING | INTEGER_VALUE | DECIMAL_VALUE)
        from=timeUnit (TO to=timeUnit)?                                             #intervalLiteral
    | typeName=(DATE | TIMESTAMP | DECIMAL | NUMERIC) STRING                        #typedLiteral
    ;

// A unit word (YEAR, MONTHS, DOW, ...): not keywords, so that columns may have these names.
timeUnit
    : identifier
    ;

number
    : INTEGER_VALUE
    | DECIMAL_VALUE
    | EXPONENT_VALUE
    | TYPED_NUMBER
    ;

// The type name is a word that DataTypes looks up, so that type names need not be keywords.
dataType
    : typeName=identifier PRECISION? (LEFT_PAREN INTEGER_VALUE (COMMA INTEGER_VALUE)? RIGHT_PAREN)?
    ;

// ---------------------------------------------------------------------------------------------
// Names

qualifiedName
    : identifier (DOT identifier)*
    ;

multipartIdentifier
    : identifier (DOT identifier)*
    ;

identifierList
    : LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | BACKQUOTED_IDENTIFIER
    | nonReserved
    ;

// Every keyword that is not reserved. Reserved: ALL AND ANTI AS ASC ASYMMETRIC BETWEEN BOTH BY
// CASE CAST CREATE CROSS CURRENT_DATE CURRENT_TIMESTAMP DESC DISTINCT ELSE END EXCEPT EXISTS
// FALSE FETCH FOR FROM FULL GROUP HAVING ILIKE IN INNER INTERSECT INTO IS JOIN LEADING LEFT LIKE
// LIMIT MINUS NATURAL NOT NULL OFFSET ON OR ORDER OUTER RIGHT RLIKE SELECT SEMI SYMMETRIC TABLE
// THEN TO TRAILING TRUE UNION USING VALUES WHEN WHERE WINDOW WITH (KeywordsTest keeps this true).
nonReserved
    : ANALYZE | ANY | CACHE | CALL | CLEAR | COLUMNS | COMPUTE | CUBE | CURRENT | DATABASES | DATE
    | DECIMAL | DESCRIBE | DROP | ESCAPE | EXPLAIN | EXTENDED | EXTRACT | FILTER | FIRST | FOLLOWING
    | FORMATTED | FUNCTIONS | GROUPING | IF | IGNORE | INSERT | INTERVAL | LAST | LAZY | LINEAGE
    | LOGICAL | NEXT | NOSCAN | NULLS | NUMERIC | ONLY | OPTIMIZED | OPTIONS | OVER | OVERWRITE | PARTITION
    | PHYSICAL | POSITION | PRECEDING | PRECISION | QUERY | RANGE | REPLACE | RESET | RESPECT
    | ROLLUP | ROW | ROWS | SCHEMAS | SET | SETS | SHOW | SOME | STATISTICS | SUBSTR | SUBSTRING | TABLES
    | TEMP | TEMPORARY | TIMESTAMP | TRIM | TRY_CAST | UNBOUNDED | UNCACHE | UNKNOWN | USE | VIEW
    ;

// ---------------------------------------------------------------------------------------------
// Lexer: keywords (alphabetical)

ALL: 'ALL';
ANALYZE: 'ANALYZE';
AND: 'AND';
ANTI: 'ANTI';
ANY: 'ANY';
AS: 'AS';
ASC: 'ASC';
ASYMMETRIC: 'ASYMMETRIC';
BETWEEN: 'BETWEEN';
BOTH: 'BOTH';
BY: 'BY';
CACHE: 'CACHE';
CALL: 'CALL';
CASE: 'CASE';
CAST: 'CAST';
CLEAR: 'CLEAR';
COLUMNS: 'COLUMNS';
COMPUTE: 'COMPUTE';
CREATE: 'CREATE';
CROSS: 'CROSS';
CUBE: 'CUBE';
CURRENT: 'CURRENT';
CURRENT_DATE: 'CURRENT_DATE';
CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP';
DATABASES: 'DATABASES';
DATE: 'DATE';
DECIMAL: 'DECIMAL';
DESC: 'DESC';
DESCRIBE: 'DESCRIBE';
DISTINCT: 'DISTINCT';
DROP: 'DROP';
ELSE: 'ELSE';
END: 'END';
ESCAPE: 'ESCAPE';
EXCEPT: 'EXCEPT';
EXISTS: 'EXISTS';
EXPLAIN: 'EXPLAIN';
EXTENDED: 'EXTENDED';
EXTRACT: 'EXTRACT';
FALSE: 'FALSE';
FETCH: 'FETCH';
FILTER: 'FILTER';
FIRST: 'FIRST';
FOLLOWING: 'FOLLOWING';
FOR: 'FOR';
FORMATTED: 'FORMATTED';
FROM: 'FROM';
FULL: 'FULL';
FUNCTIONS: 'FUNCTIONS';
GROUP: 'GROUP';
GROUPING: 'GROUPING';
HAVING: 'HAVING';
IF: 'IF';
IGNORE: 'IGNORE';
ILIKE: 'ILIKE';
IN: 'IN';
INNER: 'INNER';
INSERT: 'INSERT';
INTERSECT: 'INTERSECT';
INTERVAL: 'INTERVAL';
INTO: 'INTO';
IS: 'IS';
JOIN: 'JOIN';
LAST: 'LAST';
LAZY: 'LAZY';
LEADING: 'LEADING';
LEFT: 'LEFT';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
LINEAGE: 'LINEAGE';
LOGICAL: 'LOGICAL';
NATURAL: 'NATURAL';
NEXT: 'NEXT';
NOSCAN: 'NOSCAN';
NOT: 'NOT';
NULL: 'NULL';
NULLS: 'NULLS';
NUMERIC: 'NUMERIC';
OFFSET: 'OFFSET';
ON: 'ON';
ONLY: 'ONLY';
OPTIMIZED: 'OPTIMIZED';
OPTIONS: 'OPTIONS';
OR: 'OR';
ORDER: 'ORDER';
OUTER: 'OUTER';
OVER: 'OVER';
OVERWRITE: 'OVERWRITE';
PARTITION: 'PARTITION';
PHYSICAL: 'PHYSICAL';
POSITION: 'POSITION';
PRECEDING: 'PRECEDING';
PRECISION: 'PRECISION';
QUERY: 'QUERY';
RANGE: 'RANGE';
REPLACE: 'REPLACE';
RESET: 'RESET';
RESPECT: 'RESPECT';
RIGHT: 'RIGHT';
RLIKE: 'RLIKE';
ROLLUP: 'ROLLUP';
ROW: 'ROW';
ROWS: 'ROWS';
SCHEMAS: 'SCHEMAS';
SELECT: 'SELECT';
SEMI: 'SEMI';
SET: 'SET';
SETMINUS: 'MINUS';
SETS: 'SETS';
SHOW: 'SHOW';
SOME: 'SOME';
STATISTICS: 'STATISTICS';
SUBSTR: 'SUBSTR';
SUBSTRING: 'SUBSTRING';
SYMMETRIC: 'SYMMETRIC';
TABLE: 'TABLE';
TABLES: 'TABLES';
TEMP: 'TEMP';
TEMPORARY: 'TEMPORARY';
THEN: 'THEN';
TIMESTAMP: 'TIMESTAMP';
TO: 'TO';
TRAILING: 'TRAILING';
TRIM: 'TRIM';
TRUE: 'TRUE';
TRY_CAST: 'TRY_CAST';
UNBOUNDED: 'UNBOUNDED';
UNCACHE: 'UNCACHE';
UNION: 'UNION';
UNKNOWN: 'UNKNOWN';
USE: 'USE';
USING: 'USING';
VALUES: 'VALUES';
VIEW: 'VIEW';
WHEN: 'WHEN';
WHERE: 'WHERE';
WINDOW: 'WINDOW';
WITH: 'WITH';

// ---------------------------------------------------------------------------------------------
// Lexer: operators and punctuation

SEMICOLON: ';';
LEFT_PAREN: '(';
RIGHT_PAREN: ')';
COMMA: ',';
DOT: '.';
EQ: '=' | '==';
NSEQ: '<=>';
NEQ: '<>';
NEQJ: '!=';
LT: '<';
LTE: '<=';
GT: '>';
GTE: '>=';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
CONCAT_PIPE: '||';
DOUBLE_COLON: '::';

// `/*+` right after SELECT opens a hint; anywhere else it starts an ordinary comment.
// (Lexer predicates go at the right edge: on the left they would defeat the lexer's DFA cache.)
HINT_START: '/*+' {lastDefaultType == SELECT}? {inHint = true;};
HINT_END: '*/' {inHint}? {inHint = false;};

// ---------------------------------------------------------------------------------------------
// Lexer: literals and identifiers

STRING: '\'' (~'\'' | '\'\'')* '\'';
UNTERMINATED_STRING: '\'' (~'\'' | '\'\'')* EOF;

INTEGER_VALUE: DIGIT+;
DECIMAL_VALUE: DECIMAL_DIGITS;
EXPONENT_VALUE: (DIGIT+ | DECIMAL_DIGITS) 'E' [+-]? DIGIT+;
// Spark's typed numbers: 10L (BIGINT), 10S (SMALLINT), 10Y (TINYINT), 1.5D (DOUBLE),
// 1.5F (FLOAT), 1.5BD (DECIMAL).
TYPED_NUMBER: DIGIT+ ('L' | 'S' | 'Y') | (DIGIT+ | DECIMAL_DIGITS | DIGIT+ ('.' DIGIT*)? 'E' [+-]? DIGIT+) ('D' | 'F' | 'BD');
// A number glued to letters ("10x", "1e"): an error unless it is a SET value ("10s", "512m").
MALFORMED_NUMBER: (DIGIT+ | DECIMAL_DIGITS) (LETTER | '_') (LETTER | DIGIT | '_')*;

IDENTIFIER: (LETTER | '_') (LETTER | DIGIT | '_' | '$')*;
QUOTED_IDENTIFIER: '"' (~'"' | '""')* '"';
UNTERMINATED_QUOTED_IDENTIFIER: '"' (~'"' | '""')* EOF;
BACKQUOTED_IDENTIFIER: '`' (~'`' | '``')* '`';
UNTERMINATED_BACKQUOTED_IDENTIFIER: '`' (~'`' | '``')* EOF;

fragment DECIMAL_DIGITS: DIGIT+ '.' DIGIT* | '.' DIGIT+;
fragment DIGIT: [0-9];
fragment LETTER: [\p{L}];

// ---------------------------------------------------------------------------------------------
// Lexer: comments, white space, and anything else

SIMPLE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BRACKETED_COMMENT: '/*' {!hintAhead()}? .*? '*/' -> channel(HIDDEN);
// A comment that never ends: its body has no star-slash all the way to the end of the input.
UNTERMINATED_COMMENT: '/*' {!hintAhead()}? (~'*' | '*'+ ~[*/])* '*'* EOF;
WS: [ \t\r\n\f\u00A0\u2028\u2029]+ -> channel(HIDDEN);

UNRECOGNIZED: .;
