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
