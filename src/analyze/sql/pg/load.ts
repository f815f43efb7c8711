// Lazy, once-only loading of libpg-query (the real PostgreSQL grammar, compiled to WASM).
// Importing it instantiates the WASM module, so it happens only when PostgreSQL SQL is analysed.
// Node's ESM loader resolves the package's CommonJS `main`; named exports may sit on `default`.
import { whileLoweringInitialMemory } from './wasm-memory.js';

export interface PgScanToken {
  start: number;
  end: number;
  text: string;
  tokenName: string;
}

/** libpg-query's parse result: each statement's tree and where its text lies (byte offsets). */
export interface PgParseResult {
  version?: number;
  stmts?: { stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number }[];
}

export interface PgLib {
  parseSync(sql: string): PgParseResult;
  parsePlPgSQLSync(sql: string): unknown;
  scanSync(sql: string): { tokens: PgScanToken[] };
}

type PgModule = Partial<PgLib> & { loadModule?: () => Promise<void>; default?: Partial<PgLib> & { loadModule?: () => Promise<void> } };

let pending: Promise<PgLib> | undefined;

export function loadPg(): Promise<PgLib> {
  if (!pending) {
    pending = whileLoweringInitialMemory(async () => {
      const mod = (await import('libpg-query')) as PgModule;
      const lib = typeof mod.parseSync === 'function' ? mod : mod.default;
      if (!lib || typeof lib.parseSync !== 'function' || typeof lib.loadModule !== 'function') {
        throw new Error('libpg-query exports no parseSync/loadModule');
      }
      await lib.loadModule();
      return lib as PgLib;
    });
    pending.catch(() => {
      pending = undefined; // a failed load may be retried
    });
  }
  return pending;
}
