// The ledger's schema, as numbered migrations applied in order (`seatbelt audit ship --init-db`,
// run by the database owner). Each is applied once, in one transaction, under an advisory lock so
// two machines initialising at once do not race; seatbelt.schema_migrations records which ran.
// A database whose schema is newer than this seatbelt knows is refused, never written.
//
// What the schema enforces (docs/fleet.md): one row per record, UNIQUE (log_id, seq); on insert the
// row's columns must be the record's own seq/hash/prev_hash and prev_hash must be the stored hash at
// seq - 1 (genesis at seq 0); UPDATE, DELETE and TRUNCATE are refused for everyone, the owner too,
// unless the session sets seatbelt.maintenance = on. Shippers (seatbelt_shipper) may only INSERT and
// call the functions that tell them where a log stands; readers (seatbelt_reader) may only SELECT.
import { SeatbeltError } from '../../core/error.js';
import { sqlState, type LedgerClient } from './connect.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const GENESIS = "repeat('0', 64)";

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger: logs, records, checkpoints, append-only triggers, shipper and reader roles',
    sql: `
CREATE TABLE seatbelt.logs (
  log_id text PRIMARY KEY CHECK (log_id ~ '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$'),
  first_event_id text NOT NULL,
  shipped_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE seatbelt.records (
  log_id text NOT NULL REFERENCES seatbelt.logs (log_id),
  seq bigint NOT NULL CHECK (seq >= 0),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  line bytea NOT NULL,
  time timestamptz NOT NULL,
  type text NOT NULL,
  event_id text NOT NULL,
  key_id text NOT NULL,
  decision text,
  rule_ids text[] NOT NULL DEFAULT '{}',
  policy text,
  role text,
  owner text,
  agent text,
  os_user text,
  host text,
  environment text,
  decision_event_id text,
  shipped_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (log_id, seq)
);
CREATE INDEX records_time ON seatbelt.records (time);
CREATE INDEX records_decision_time ON seatbelt.records (decision, time) WHERE type = 'decision';
CREATE INDEX records_rule_ids ON seatbelt.records USING gin (rule_ids);
CREATE INDEX records_event ON seatbelt.records (log_id, event_id);
CREATE INDEX records_agent ON seatbelt.records (agent) WHERE agent IS NOT NULL;
CREATE INDEX records_owner ON seatbelt.records (owner) WHERE owner IS NOT NULL;
CREATE INDEX records_host ON seatbelt.records (host, os_user);
CREATE INDEX records_key ON seatbelt.records (key_id);

CREATE TABLE seatbelt.checkpoints (
  log_id text NOT NULL REFERENCES seatbelt.logs (log_id),
  size bigint NOT NULL CHECK (size > 0),
  note text NOT NULL,
  shipped_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (log_id, size)
);

-- The chain, re-checked on insert. SECURITY DEFINER: a shipper needs no SELECT to be checked.
-- Rows inserted earlier by the same statement are visible here, so one multi-row insert ordered by
-- seq links each row to the one before it.
CREATE FUNCTION seatbelt.records_check_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, seatbelt AS $fn$
DECLARE
  r jsonb := convert_from(NEW.line, 'UTF8')::jsonb;
  parent text;
BEGIN
  IF jsonb_typeof(r) <> 'object' OR r->'seq' IS DISTINCT FROM to_jsonb(NEW.seq) OR r->>'hash' IS DISTINCT FROM NEW.hash
     OR r->>'prev_hash' IS DISTINCT FROM NEW.prev_hash THEN
    RAISE EXCEPTION 'seatbelt ledger: log % seq %: the row''s seq, hash or prev_hash is not the record''s own', NEW.log_id, NEW.seq
      USING ERRCODE = 'SB001';
  END IF;
  IF NEW.seq = 0 THEN
    IF NEW.prev_hash <> ${GENESIS} THEN
      RAISE EXCEPTION 'seatbelt ledger: log % seq 0: prev_hash must be the genesis hash', NEW.log_id USING ERRCODE = 'SB002';
    END IF;
    RETURN NEW;
  END IF;
  SELECT hash INTO parent FROM seatbelt.records WHERE log_id = NEW.log_id AND seq = NEW.seq - 1;
  IF parent IS NULL THEN
    RAISE EXCEPTION 'seatbelt ledger: log % seq %: seq % is not in the ledger (records are shipped in order)', NEW.log_id, NEW.seq, NEW.seq - 1
      USING ERRCODE = 'SB003';
  END IF;
  IF parent <> NEW.prev_hash THEN
    RAISE EXCEPTION 'seatbelt ledger: log % seq %: prev_hash % does not match the stored hash % of seq %',
      NEW.log_id, NEW.seq, left(NEW.prev_hash, 16), left(parent, 16), NEW.seq - 1 USING ERRCODE = 'SB004';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER records_chain BEFORE INSERT ON seatbelt.records FOR EACH ROW EXECUTE FUNCTION seatbelt.records_check_insert();

-- Append-only for everyone, the owner included, unless the session says it is maintenance.
CREATE FUNCTION seatbelt.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF coalesce(current_setting('seatbelt.maintenance', true), '') = 'on' THEN
    IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; ELSIF TG_OP = 'DELETE' THEN RETURN OLD; ELSE RETURN NEW; END IF;
  END IF;
  RAISE EXCEPTION 'seatbelt ledger: % on %.% refused: the ledger is append-only (maintenance: SET seatbelt.maintenance = on, see docs/fleet.md)',
    TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'SB010';
END
$fn$;
CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON seatbelt.records FOR EACH ROW EXECUTE FUNCTION seatbelt.refuse_change();
CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON seatbelt.records FOR EACH STATEMENT EXECUTE FUNCTION seatbelt.refuse_change();
CREATE TRIGGER logs_append_only BEFORE UPDATE OR DELETE ON seatbelt.logs FOR EACH ROW EXECUTE FUNCTION seatbelt.refuse_change();
CREATE TRIGGER logs_no_truncate BEFORE TRUNCATE ON seatbelt.logs FOR EACH STATEMENT EXECUTE FUNCTION seatbelt.refuse_change();
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON seatbelt.checkpoints FOR EACH ROW EXECUTE FUNCTION seatbelt.refuse_change();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON seatbelt.checkpoints FOR EACH STATEMENT EXECUTE FUNCTION seatbelt.refuse_change();

-- Where a log stands, for shippers (who cannot SELECT the records of other machines).
CREATE FUNCTION seatbelt.log_head(p_log text) RETURNS TABLE (first_event_id text, seq bigint, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, seatbelt AS $fn$
  SELECT l.first_event_id, r.seq, r.hash FROM seatbelt.logs l
  LEFT JOIN LATERAL (SELECT seq, hash FROM seatbelt.records WHERE log_id = l.log_id ORDER BY seq DESC LIMIT 1) r ON true
  WHERE l.log_id = p_log
$fn$;
CREATE FUNCTION seatbelt.record_hashes(p_log text, p_from bigint, p_to bigint) RETURNS TABLE (seq bigint, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, seatbelt AS $fn$
  SELECT seq, hash FROM seatbelt.records WHERE log_id = p_log AND seq BETWEEN p_from AND p_to ORDER BY seq
$fn$;
CREATE FUNCTION seatbelt.checkpoint_notes(p_log text) RETURNS TABLE (size bigint, note text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, seatbelt AS $fn$
  SELECT size, note FROM seatbelt.checkpoints WHERE log_id = p_log ORDER BY size
$fn$;
REVOKE ALL ON FUNCTION seatbelt.log_head(text), seatbelt.record_hashes(text, bigint, bigint), seatbelt.checkpoint_notes(text) FROM PUBLIC;

DO $roles$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seatbelt_shipper') THEN CREATE ROLE seatbelt_shipper NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seatbelt_reader') THEN CREATE ROLE seatbelt_reader NOLOGIN; END IF;
END $roles$;
GRANT USAGE ON SCHEMA seatbelt TO seatbelt_shipper, seatbelt_reader;
GRANT SELECT ON seatbelt.schema_migrations TO seatbelt_shipper, seatbelt_reader;
GRANT INSERT ON seatbelt.logs, seatbelt.records, seatbelt.checkpoints TO seatbelt_shipper;
GRANT EXECUTE ON FUNCTION seatbelt.log_head(text), seatbelt.record_hashes(text, bigint, bigint), seatbelt.checkpoint_notes(text)
  TO seatbelt_shipper, seatbelt_reader;
GRANT SELECT ON seatbelt.logs, seatbelt.records, seatbelt.checkpoints TO seatbelt_reader;
`,
  },
  {
    version: 2,
    name: 'ledger: the chain checked once per statement (COPY-sized batches), cheaper hash checks, the log checked by the same trigger',
    // v1 checked the chain row by row: a plpgsql SELECT per row whose plan, once cached on an empty
    // table, scanned the whole table (measured: 480 rows/s at 20,000 rows, falling as the log grew).
    // Here one AFTER … FOR EACH STATEMENT trigger sees the statement's rows as a transition table and
    // checks them set-wise: each row's seq/hash/prev_hash are its record's own (the JSON parsed once),
    // seq 0 starts at the genesis hash, every row links to the row before it in the statement, and a
    // row whose parent is not in the statement (the first of a batch) to the stored one, looked up by
    // the primary key with a plan made for the ledger as it is now (force_custom_plan). The foreign
    // key to logs (one lookup per row) becomes one check per statement; the hash regexes (12 µs a
    // row) become a length and a character-class test that allow exactly the same values.
    sql: `
ALTER TABLE seatbelt.records
  DROP CONSTRAINT records_hash_check,
  DROP CONSTRAINT records_prev_hash_check,
  DROP CONSTRAINT records_log_id_fkey,
  ADD CONSTRAINT records_hash_check CHECK (octet_length(hash) = 64 AND hash !~ '[^0-9a-f]'),
  ADD CONSTRAINT records_prev_hash_check CHECK (octet_length(prev_hash) = 64 AND prev_hash !~ '[^0-9a-f]');
DROP TRIGGER records_chain ON seatbelt.records;
DROP FUNCTION seatbelt.records_check_insert();

CREATE FUNCTION seatbelt.records_check_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, seatbelt SET plan_cache_mode = force_custom_plan AS $fn$
DECLARE
  bad record;
  parent text;
BEGIN
  SELECT a.log_id INTO bad FROM added a WHERE NOT EXISTS (SELECT 1 FROM seatbelt.logs l WHERE l.log_id = a.log_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'seatbelt ledger: log % is not in seatbelt.logs (a log is registered before its records)', bad.log_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT a.log_id, a.seq INTO bad FROM added a, LATERAL (SELECT convert_from(a.line, 'UTF8')::jsonb AS r OFFSET 0) j
  WHERE jsonb_typeof(j.r) <> 'object' OR j.r->'seq' IS DISTINCT FROM to_jsonb(a.seq) OR j.r->>'hash' IS DISTINCT FROM a.hash
     OR j.r->>'prev_hash' IS DISTINCT FROM a.prev_hash
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'seatbelt ledger: log % seq %: the row''s seq, hash or prev_hash is not the record''s own', bad.log_id, bad.seq
      USING ERRCODE = 'SB001';
  END IF;
  SELECT a.log_id INTO bad FROM added a WHERE a.seq = 0 AND a.prev_hash <> ${GENESIS} LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'seatbelt ledger: log % seq 0: prev_hash must be the genesis hash', bad.log_id USING ERRCODE = 'SB002';
  END IF;
  -- The rows that do not link to the row before them in the statement: the first of each log's run
  -- (its parent must be stored), and any that breaks the chain inside the statement.
  FOR bad IN
    SELECT b.log_id, b.seq, b.prev_hash, b.before_seq, b.before_hash FROM (
      SELECT a.log_id, a.seq, a.prev_hash, lag(a.seq) OVER w AS before_seq, lag(a.hash) OVER w AS before_hash
      FROM added a WINDOW w AS (PARTITION BY a.log_id ORDER BY a.seq)) b
    WHERE b.seq > 0 AND (b.before_seq IS DISTINCT FROM b.seq - 1 OR b.before_hash <> b.prev_hash)
  LOOP
    IF bad.before_seq IS NOT DISTINCT FROM bad.seq - 1 THEN
      parent := bad.before_hash;
    ELSE
      SELECT r.hash INTO parent FROM seatbelt.records r WHERE r.log_id = bad.log_id AND r.seq = bad.seq - 1;
      IF parent IS NULL THEN
        RAISE EXCEPTION 'seatbelt ledger: log % seq %: seq % is not in the ledger (records are shipped in order)', bad.log_id, bad.seq,
          bad.seq - 1 USING ERRCODE = 'SB003';
      END IF;
    END IF;
    IF parent <> bad.prev_hash THEN
      RAISE EXCEPTION 'seatbelt ledger: log % seq %: prev_hash % does not match the stored hash % of seq %',
        bad.log_id, bad.seq, left(bad.prev_hash, 16), left(parent, 16), bad.seq - 1 USING ERRCODE = 'SB004';
    END IF;
  END LOOP;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER records_chain AFTER INSERT ON seatbelt.records REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION seatbelt.records_check_chain();
`,
  },
];

export const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;

const NO_SCHEMA = new Set(['42P01', '3F000']);

/** The schema version of the ledger, or null when it has none. */
export async function schemaVersion(client: LedgerClient): Promise<number | null> {
  try {
    const res = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM seatbelt.schema_migrations');
    return res.rows[0]?.v ?? null;
  } catch (err) {
    if (NO_SCHEMA.has(sqlState(err) ?? '')) return null;
    throw err;
  }
}

/** Refuses (CONFIG, exit 78) a ledger this seatbelt cannot use as it is. */
export async function requireSchema(client: LedgerClient, where: string): Promise<void> {
  const v = await schemaVersion(client);
  if (v === null)
    throw new SeatbeltError(
      'CONFIG',
      `${where} has no seatbelt ledger schema: create it with seatbelt audit ship --init-db (as the database owner)`,
    );
  if (v > LATEST)
    throw new SeatbeltError('CONFIG', `${where} has ledger schema v${v}, newer than this seatbelt knows (v${LATEST}): upgrade seatbelt`);
  if (v < LATEST)
    throw new SeatbeltError(
      'CONFIG',
      `${where} has ledger schema v${v}; this seatbelt needs v${LATEST}: migrate with seatbelt audit ship --init-db`,
    );
}

/** Creates or migrates the schema; returns the versions applied now. */
export async function migrate(client: LedgerClient, where: string): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('seatbelt.ledger.migrate'))");
    await client.query('CREATE SCHEMA IF NOT EXISTS seatbelt');
    await client.query(
      'CREATE TABLE IF NOT EXISTS seatbelt.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM seatbelt.schema_migrations')).rows.map((r) => r.version),
    );
    const newest = Math.max(0, ...done);
    if (newest > LATEST)
      throw new SeatbeltError(
        'CONFIG',
        `${where} has ledger schema v${newest}, newer than this seatbelt knows (v${LATEST}): upgrade seatbelt`,
      );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO seatbelt.schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    if (err instanceof SeatbeltError) throw err;
    if (sqlState(err) === '42501')
      throw new SeatbeltError(
        'CONFIG',
        `cannot create the ledger schema in ${where}: ${(err as Error).message} (run --init-db as the database owner)`,
      );
    throw err;
  }
  return applied;
}
