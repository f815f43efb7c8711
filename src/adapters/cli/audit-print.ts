// How `seatbelt audit` prints records for people: one line per record in tail, a block per record
// in show, a table for stats. Colour as paint.ts decides (a terminal, no NO_COLOR, not TERM=dumb).
import type { StatsRow, TrailEntry, TrailRecord } from '../../audit/read.js';
import { actorLabel } from '../../audit/read.js';

import type { Paint } from './paint.js';

export { paintFor, wantsColour, type Paint } from './paint.js';

const shortTime = (t: unknown) => (typeof t === 'string' ? t.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z') : '?');
const shortId = (id: unknown) => (typeof id === 'string' ? id.slice(0, 13) : '?');

/** One line for `audit tail`. */
export function tailLine(e: TrailEntry, p: Paint): string {
  const r = e.record;
  const head = `${p.dim(shortTime(r.time))}  ${p.dim(`#${r.seq ?? '?'}`)}`;
  switch (r.type) {
    case 'decision': {
      const verdict = r.decision === 'block' ? p.red(p.bold('BLOCK')) : p.green('ALLOW');
      const rules = (r.rules ?? []).map((x) => `${x.id} (${x.risk ?? '?'})`).join(', ');
      const role = r.role?.name ? `  role ${r.role.name}` : '';
      const tool = r.gateway?.tool !== undefined ? ` ${r.gateway.tool} via ${r.gateway.api ?? '?'}` : '';
      return `${head}  ${verdict}  ${actorLabel(r.actor)}  ${r.action?.kind ?? '?'}${tool}${role}${rules ? `  ${p.yellow(rules)}` : ''}  ${p.dim(`event ${shortId(r.event_id)}`)}`;
    }
    case 'outcome': {
      const how = r.signal ? `signal ${r.signal}` : `exit ${r.exit_code ?? '?'}`;
      return `${head}  ${p.dim('ran  ')}  ${how} after ${r.duration_ms ?? '?'} ms  ${p.dim(`for event ${shortId(r.decision_event_id)}`)}`;
    }
    case 'recovery':
      return `${head}  ${p.yellow('RECOVERY')}  ${r.fragment_length} bytes of an interrupted write at offset ${r.at_offset} accounted for`;
    case 'key_rotation': {
      const nk = r.new_key as { key_id?: string } | undefined;
      return `${head}  ${p.yellow('KEY ROTATION')}  ${r.key_id} → ${nk?.key_id ?? '?'}`;
    }
    default:
      return `${head}  ${String(r.type)}`;
  }
}

/** The whole record for `audit show`, with the outcome that followed a decision. */
export function showRecord(e: TrailEntry, outcome: TrailEntry | undefined, p: Paint): string {
  const r = e.record;
  const rows: [string, string][] = [
    ['event', String(r.event_id)],
    ['type', String(r.type)],
    ['line / seq', `${e.line} / ${r.seq}`],
    ['time', String(r.time)],
  ];
  if (r.type === 'decision') {
    rows.push(['decision', r.decision === 'block' ? p.red(p.bold('block')) : p.green('allow')]);
    for (const x of r.rules ?? []) rows.push(['rule', `${x.id} (${x.risk ?? '?'}): ${x.reason ?? ''}`]);
    rows.push(['reason', String(r.reason ?? '')]);
    if (r.remediation) rows.push(['remediation', r.remediation]);
    rows.push(['actor', actorText(r.actor)]);
    rows.push([
      'action',
      `${r.action?.kind ?? '?'}${r.action?.dialect ? ` (${r.action.dialect})` : ''}, input sha256 ${r.action?.input_sha256 ?? '?'}`,
    ]);
    if (r.action?.input !== undefined)
      rows.push(['input', typeof r.action.input === 'string' ? r.action.input : JSON.stringify(r.action.input)]);
    rows.push(['policy', `${r.policy?.name ?? '?'} ${r.policy?.version ?? ''}`.trim()]);
    if (r.role) rows.push(['role', `${r.role.name} (sha256 ${r.role.sha256})`]);
    if (r.gateway) rows.push(['gateway', gatewayText(r.gateway)]);
    if (outcome) {
      const o = outcome.record;
      rows.push([
        'outcome',
        `${o.signal ? `signal ${o.signal}` : `exit ${o.exit_code}`} after ${o.duration_ms} ms (line ${outcome.line}, event ${o.event_id})`,
      ]);
    } else if (r.decision === 'allow') rows.push(['outcome', p.dim('none recorded')]);
  } else if (r.type === 'outcome') {
    rows.push(
      ['decision event', String(r.decision_event_id)],
      ['exit code', String(r.exit_code)],
      ['signal', String(r.signal ?? '-')],
      ['duration', `${r.duration_ms} ms`],
    );
  } else {
    for (const [k, v] of Object.entries(r)) {
      if (!['v', 'type', 'event_id', 'seq', 'time', 'prev_hash', 'hash', 'key_id', 'sig', 'governance_mode'].includes(k))
        rows.push([k, typeof v === 'string' ? v : JSON.stringify(v)]);
    }
  }
  rows.push(['hash', String(r.hash)], ['prev hash', String(r.prev_hash)], ['key', String(r.key_id)]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${p.dim(k.padEnd(width))}  ${v}`).join('\n') + '\n';
}

/** The gateway's fields; the owner in the actor is what the caller asserted (X-Commit-Owner), not authenticated. */
function gatewayText(g: NonNullable<TrailRecord['gateway']>): string {
  const parts = [`${g.api ?? '?'} tool ${g.tool ?? '?'}`, `request ${g.request_id ?? '?'}`];
  if (g.tool_call_id) parts.push(`call ${g.tool_call_id}`);
  if (g.model) parts.push(`model ${g.model}`);
  if (g.response_id) parts.push(`response ${g.response_id}`);
  if (g.approval_id) parts.push(`approval ${g.approval_id}`);
  if (g.arguments_sha256) parts.push(`arguments sha256 ${g.arguments_sha256}`);
  return `${parts.join(', ')} (owner caller-asserted)`;
}

function actorText(a: TrailRecord['actor']): string {
  if (!a) return '(none)';
  const parts = [
    a.agent && `agent ${a.agent}`,
    a.owner && `owner ${a.owner}`,
    `${a.user}@${a.host}`,
    a.cwd && `in ${a.cwd}`,
    a.session && `session ${a.session}`,
    a.pid !== undefined && `pid ${a.pid}`,
  ];
  return parts.filter(Boolean).join(', ');
}

export function statsTable(rows: StatsRow[], by: string, p: Paint): string {
  const head = [by.toUpperCase(), 'TOTAL', 'ALLOW', 'BLOCK'];
  const body = rows.map((r) => [r.key, String(r.total), String(r.allow), String(r.block)]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[0]!) : c.padStart(w[i]!))).join('  ');
  const lines = [
    p.bold(fmt(head)),
    ...body.map((b, i) => {
      const line = fmt(b);
      return rows[i]!.block > 0 && by !== 'decision' ? line.replace(/(\d+)$/, (m) => p.red(m)) : line;
    }),
  ];
  const total = rows.reduce((n, r) => n + (by === 'rule' ? 0 : r.total), 0);
  if (by !== 'rule') lines.push(p.dim(`${total} decision${total === 1 ? '' : 's'}`));
  return lines.join('\n') + '\n';
}
