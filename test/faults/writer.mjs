// A writer process for the soak and chaos tests. It governs `count` actions (a mix of allowed and
// refused shell, argv and SQL) through the library, and reports each one only after govern()
// returned — that is, after the record was fsync'd: "ack <event_id> <decision> <seq>".
// Usage: node writer.mjs <lib.mjs> <audit file> <count> [seed]
import { writeSync } from 'node:fs';
import v8 from 'node:v8';

// As bin/seatbelt does: no optimising re-compile of the WebAssembly parsers (it costs each short
// process ~0.6 s of CPU and delays its exit).
v8.setFlagsFromString('--no-wasm-dynamic-tiering');
v8.setFlagsFromString('--no-wasm-tier-up');

const [lib, audit, countArg, seedArg] = process.argv.slice(2);
const { openSession } = await import(lib);
const count = Number(countArg);
let seed = Number(seedArg ?? process.pid);
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

const ACTIONS = [
  { kind: 'shell', script: 'git status --short && npm test' },
  { kind: 'shell', script: 'rm -rf / --no-preserve-root' },
  { kind: 'argv', argv: ['ls', '-la'] },
  { kind: 'argv', argv: ['rm', '-rf', '/'] },
  { kind: 'sql', sql: 'SELECT id FROM orders WHERE id = 7', dialect: 'postgresql' },
  { kind: 'sql', sql: 'DROP TABLE orders', dialect: 'mysql' },
];

const session = openSession({ audit, agent: `writer-${process.pid}`, autoKeys: false });
for (let i = 0; i < count; i++) {
  const action = ACTIONS[Math.floor(rand() * ACTIONS.length)];
  try {
    const { decision, record } = await session.govern(action);
    writeSync(1, `ack ${record.record.event_id} ${decision.decision} ${record.record.seq}\n`);
  } catch (err) {
    writeSync(2, `seatbelt writer: ${err.message}\n`);
    process.exit(74);
  }
}
