// Which packages an import of the library loads: `node bench/import-probe.mjs <entry> [--decide]`
// prints a JSON object { imported, decided } with the bare specifiers resolved while importing
// <entry> (a path or file URL to dist/lib/index.mjs), and, with --decide, those resolved by a first
// decision on a shell command with a `${NAME:-default}` expansion (not plain: the shell parser must load, the probe's control).
// Used by bench/run.mjs and test/package/pack.test.ts. A resolve hook on Node's module loader sees
// every import() and import, which is how seatbelt loads its parsers.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const HOOK = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  if (!/^(\\.|\\/|node:|file:|data:)/.test(specifier)) port.postMessage(specifier);
  return next(specifier, context);
}`;

const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (s) => seen.push(s));
register(`data:text/javascript,${encodeURIComponent(HOOK)}`, { data: { port: port2 }, transferList: [port2] });

/** Messages from the hooks thread arrive asynchronously: wait until none came for a while. */
async function settle() {
  let n = -1;
  while (n !== seen.length) {
    n = seen.length;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const entry = process.argv[2];
const lib = await import(entry.startsWith('file:') ? entry : pathToFileURL(entry).href);
await settle();
const imported = [...new Set(seen)];
let decided = null;
if (process.argv.includes('--decide')) {
  const before = seen.length;
  const decision = await lib.createGuard().check({ kind: 'shell', script: 'ls "${HOME:-/}" | wc -l' });
  await settle();
  decided = { decision: decision.decision, loaded: [...new Set(seen.slice(before))] };
}
port1.close();
console.log(JSON.stringify({ imported, decided }));
