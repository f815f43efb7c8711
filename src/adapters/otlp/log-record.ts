// A trail record as an OpenTelemetry log record, in the OTLP/HTTP JSON encoding of
// opentelemetry-proto's ExportLogsServiceRequest (lowerCamelCase fields, 64-bit integers as
// decimal strings, enums as numbers). Attributes follow the OpenTelemetry semantic conventions
// where one exists (host.name, user.name, process.pid, process.exit.code, enduser.id,
// gen_ai.agent.name, gen_ai.tool.name, deployment.environment.name, event.name), seatbelt.* for the
// rest. The body is the record's line exactly as signed, so the SIEM holds what `verify` checks.
// Pure: values in, values out.
import type { ChainFields } from '../../audit/shape.js';

export type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } };

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface OtlpLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: AnyValue;
  attributes: KeyValue[];
}

export interface ExportLogsServiceRequest {
  resourceLogs: {
    resource: { attributes: KeyValue[] };
    scopeLogs: { scope: { name: string; version: string }; logRecords: OtlpLogRecord[] }[];
  }[];
}

/** SeverityNumber (logs.proto): INFO 9, WARN 13. */
const SEVERITY = { info: { severityNumber: 9, severityText: 'INFO' }, warn: { severityNumber: 13, severityText: 'WARN' } } as const;

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function attr(out: KeyValue[], key: string, v: unknown): void {
  if (typeof v === 'string') out.push({ key, value: { stringValue: v } });
  else if (typeof v === 'boolean') out.push({ key, value: { boolValue: v } });
  else if (typeof v === 'number' && Number.isSafeInteger(v)) out.push({ key, value: { intValue: String(v) } });
  else if (typeof v === 'number' && Number.isFinite(v)) out.push({ key, value: { doubleValue: v } });
  // An empty list is left out: OTLP cannot tell it from an absent one.
  else if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'))
    out.push({ key, value: { arrayValue: { values: v.map((x) => ({ stringValue: x })) } } });
}

const nanos = (iso: string): string => `${BigInt(Date.parse(iso)) * 1_000_000n}`;

/** One record (verified, with its line) as an OTLP log record. */
export function logRecordOf(r: ChainFields, line: string, o: { log: string; observed: Date }): OtlpLogRecord {
  const a: KeyValue[] = [];
  const actor = obj(r.actor);
  const action = obj(r.action);
  const gateway = obj(r.gateway);
  attr(a, 'event.name', `seatbelt.${r.type}`);
  attr(a, 'seatbelt.log_id', o.log);
  attr(a, 'seatbelt.seq', r.seq);
  attr(a, 'seatbelt.event_id', r.event_id);
  attr(a, 'seatbelt.hash', r.hash);
  attr(a, 'seatbelt.key_id', r.key_id);
  attr(a, 'seatbelt.decision', r.decision);
  if (Array.isArray(r.rules)) {
    const rules = r.rules.map(obj);
    attr(a, 'seatbelt.rule_ids', [...new Set(rules.map((x) => x.id).filter((x): x is string => typeof x === 'string'))]);
    attr(
      a,
      'seatbelt.blocking_rule_ids',
      rules.filter((x) => x.blocking !== false && r.decision === 'block').map((x) => String(x.id)),
    );
  }
  attr(a, 'seatbelt.reason', r.reason);
  attr(a, 'seatbelt.policy.name', obj(r.policy).name);
  attr(a, 'seatbelt.role.name', obj(r.role).name);
  attr(a, 'seatbelt.action.kind', action.kind);
  attr(a, 'seatbelt.action.input_sha256', action.input_sha256);
  attr(a, 'seatbelt.decision_event_id', r.decision_event_id);
  attr(a, 'gen_ai.agent.name', actor.agent);
  attr(a, 'enduser.id', actor.owner);
  attr(a, 'user.name', actor.user);
  attr(a, 'host.name', actor.host);
  attr(a, 'process.pid', actor.pid);
  attr(a, 'process.exit.code', r.exit_code);
  attr(a, 'gen_ai.tool.name', gateway.tool);
  attr(a, 'gen_ai.tool.call.id', gateway.tool_call_id);
  attr(a, 'gen_ai.request.model', gateway.model);
  attr(a, 'gen_ai.response.id', gateway.response_id);
  attr(a, 'deployment.environment.name', r.environment);
  const warn = r.decision === 'block' || r.type === 'recovery' || (typeof r.exit_code === 'number' && r.exit_code !== 0);
  return {
    timeUnixNano: nanos(r.time),
    observedTimeUnixNano: `${BigInt(o.observed.getTime()) * 1_000_000n}`,
    ...(warn ? SEVERITY.warn : SEVERITY.info),
    body: { stringValue: line },
    attributes: a,
  };
}

/** One request for a batch of records. */
export function exportRequest(records: OtlpLogRecord[], o: { version: string }): ExportLogsServiceRequest {
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'seatbelt' } },
            { key: 'service.version', value: { stringValue: o.version } },
          ],
        },
        scopeLogs: [{ scope: { name: 'seatbelt.audit', version: o.version }, logRecords: records }],
      },
    ],
  };
}
