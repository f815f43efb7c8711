// PostgreSQL's keywords, as libpg-query's scanner and grammar know them (test/sql/pg-plain-parse.test.ts
// reads the keyword table compiled into its WebAssembly and checks both lists against it). The plain
// parser (plain-parse.ts) reads a keyword as a name only where PostgreSQL does and only the
// unreserved ones, which PostgreSQL takes as names of tables, columns and functions everywhere.

/** Every keyword, reserved or not. */
const ALL =
  'abort absent absolute access action add admin after aggregate all also alter always analyse analyze and any ' +
  'array as asc asensitive assertion assignment asymmetric at atomic attach attribute authorization backward before ' +
  'begin between bigint binary bit boolean both breadth by cache call called cascade cascaded case cast catalog ' +
  'chain char character characteristics check checkpoint class close cluster coalesce collate collation column ' +
  'columns comment comments commit committed compression concurrently conditional configuration conflict connection ' +
  'constraint constraints content continue conversion copy cost create cross csv cube current current_catalog ' +
  'current_date current_role current_schema current_time current_timestamp current_user cursor cycle data database ' +
  'day deallocate dec decimal declare default defaults deferrable deferred definer delete delimiter delimiters ' +
  'depends depth desc detach dictionary disable discard distinct do document domain double drop each else empty ' +
  'enable encoding encrypted end enforced enum error escape event except exclude excluding exclusive execute exists ' +
  'explain expression extension external extract false family fetch filter finalize first float following for force ' +
  'foreign format forward freeze from full function functions generated global grant granted greatest group ' +
  'grouping groups handler having header hold hour identity if ilike immediate immutable implicit import in include ' +
  'including increment indent index indexes inherit inherits initially inline inner inout input insensitive insert ' +
  'instead int integer intersect interval into invoker is isnull isolation join json json_array json_arrayagg ' +
  'json_exists json_object json_objectagg json_query json_scalar json_serialize json_table json_value keep key keys ' +
  'label language large last lateral leading leakproof least left level like limit listen load local localtime ' +
  'localtimestamp location lock locked logged mapping match matched materialized maxvalue merge merge_action method ' +
  'minute minvalue mode month move name names national natural nchar nested new next nfc nfd nfkc nfkd no none ' +
  'normalize normalized not nothing notify notnull nowait null nullif nulls numeric object objects of off offset ' +
  'oids old omit on only operator option options or order ordinality others out outer over overlaps overlay ' +
  'overriding owned owner parallel parameter parser partial partition passing password path period placing plan ' +
  'plans policy position preceding precision prepare prepared preserve primary prior privileges procedural ' +
  'procedure procedures program publication quote quotes range read real reassign recursive ref references ' +
  'referencing refresh reindex relative release rename repeatable replace replica reset restart restrict return ' +
  'returning returns revoke right role rollback rollup routine routines row rows rule savepoint scalar schema ' +
  'schemas scroll search second security select sequence sequences serializable server session session_user set ' +
  'setof sets share show similar simple skip smallint snapshot some source sql stable standalone start statement ' +
  'statistics stdin stdout storage stored strict string strip subscription substring support symmetric sysid system ' +
  'system_user table tables tablesample tablespace target temp template temporary text then ties time timestamp to ' +
  'trailing transaction transform treat trigger trim true truncate trusted type types uescape unbounded uncommitted ' +
  'unconditional unencrypted union unique unknown unlisten unlogged until update user using vacuum valid validate ' +
  'validator value values varchar variadic varying verbose version view views virtual volatile when where ' +
  'whitespace window with within without work wrapper write xml xmlattributes xmlconcat xmlelement xmlexists ' +
  'xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable year yes zone';

/** The unreserved keywords: a table's, a column's or a function's name wherever one may stand. */
const UNRESERVED =
  'abort absent absolute access action add admin after aggregate also alter always asensitive assertion assignment ' +
  'at atomic attach attribute backward before begin breadth by cache call called cascade cascaded catalog chain ' +
  'characteristics checkpoint class close cluster columns comment comments commit committed compression conditional ' +
  'configuration conflict connection constraints content continue conversion copy cost csv cube current ' +
  'cursor cycle data database day deallocate declare defaults deferred definer delete delimiter ' +
  'delimiters depends depth detach dictionary disable discard document domain double drop each empty enable ' +
  'encoding encrypted enforced enum error escape event exclude excluding exclusive execute explain expression ' +
  'extension external family filter finalize first following force format forward function functions generated ' +
  'global granted groups handler header hold hour identity if immediate immutable implicit import include including ' +
  'increment indent index indexes inherit inherits inline input insensitive insert instead invoker isolation keep ' +
  'key keys label language large last leakproof level listen load local location lock locked logged mapping match ' +
  'matched materialized maxvalue merge method minute minvalue mode month move name names nested new next nfc nfd ' +
  'nfkc nfkd no normalized nothing notify nowait nulls object objects of off oids old omit option options ' +
  'ordinality others over overriding owned owner parallel parameter parser partial partition passing ' +
  'password path period plan plans policy preceding prepare prepared preserve prior privileges procedural procedure ' +
  'procedures program publication quote quotes range read reassign recursive ref referencing refresh reindex ' +
  'relative release rename repeatable replace replica reset restart restrict return returns revoke role rollback ' +
  'rollup routine routines rows rule savepoint scalar schema schemas scroll search second security sequence ' +
  'sequences serializable server session set sets share show simple skip snapshot source sql stable standalone ' +
  'start statement statistics stdin stdout storage stored strict string strip subscription support sysid ' +
  'system tables tablespace target temp template temporary text ties transaction transform trigger truncate trusted ' +
  'type types uescape unbounded uncommitted unconditional unencrypted unknown unlisten unlogged until update vacuum ' +
  'valid validate validator value varying version view views virtual volatile whitespace within without work ' +
  'wrapper write xml year yes zone';

export interface PgKeywords {
  all: ReadonlySet<string>;
  unreserved: ReadonlySet<string>;
}

let sets: PgKeywords | undefined;

/** The two sets, made on first use: the start-up snapshot's heap, which every run loads, stays without them. */
export function pgKeywords(): PgKeywords {
  return (sets ??= { all: new Set(ALL.split(' ')), unreserved: new Set(UNRESERVED.split(' ')) });
}
