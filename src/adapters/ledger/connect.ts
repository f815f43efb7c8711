// A connection to the ledger database (PostgreSQL). The `pg` driver is imported here, lazily, so
// no other command (and never `exec`) loads it. The URL is validated once; messages name the
// database with the password taken out.
import type { Client, ClientConfig } from 'pg';
import { SeatbeltError } from '../../core/error.js';

export type LedgerClient = Client;

/** postgres://user@host:port/db or postgresql://…; anything else is a usage error. */
export function parseLedgerUrl(raw: string, flag = '--to'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SeatbeltError('USAGE', `${flag}: expected a postgres://user@host:port/database URL, got "${redactUrl(raw)}"`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new SeatbeltError('USAGE', `${flag}: only PostgreSQL ledgers are supported (postgres://…), got ${url.protocol}//…`);
  return url;
}

/** The URL without its password, for messages. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/:\/\/([^:/@]*):[^@]*@/, '://$1:***@');
  }
}

/** Opens a client; a database that cannot be reached is UNAVAILABLE (exit 69), naming it without the password. */
export async function connectLedger(url: URL, o: { applicationName?: string } = {}): Promise<LedgerClient> {
  const pg = (await import('pg')).default;
  const config: ClientConfig = {
    connectionString: url.toString(),
    application_name: o.applicationName ?? 'seatbelt',
    // A ledger is written by many machines: never hang a shipper on a dead connection.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  };
  const client = new pg.Client(config);
  // An error on an idle client (the server went away) surfaces on the next query; do not crash.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    throw new SeatbeltError('UNAVAILABLE', `cannot connect to the ledger ${redactUrl(url.toString())}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return client;
}

/** The SQLSTATE of a driver error, if any. */
export const sqlState = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : undefined;

/**
 * A driver error as a SeatbeltError: a right the role lacks is CONFIG (78: the operator grants it),
 * anything else from the database or the connection is UNAVAILABLE (69). Others pass through.
 */
export function ledgerError(err: unknown, where: string): unknown {
  if (err instanceof SeatbeltError || !(err instanceof Error)) return err;
  const state = sqlState(err);
  if (state === '42501')
    return new SeatbeltError(
      'CONFIG',
      `the ledger ${where} refused: ${err.message} (grant seatbelt_shipper or seatbelt_reader to this role: docs/fleet.md)`,
      {
        cause: err,
      },
    );
  if (state !== undefined || /ECONN|ETIMEDOUT|EPIPE|Connection terminated|connection/i.test(err.message))
    return new SeatbeltError('UNAVAILABLE', `the ledger ${where}: ${err.message}`, { cause: err });
  return err;
}
