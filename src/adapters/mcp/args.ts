// Validation of an MCP tool's arguments at the boundary: every bad or unexpected field is named at
// once. Unexpected fields are REJECTED, not ignored, so an agent learns that it cannot pass
// `policy` or `role`: those come from the operator's configuration only.
import { SeatbeltError } from '../../core/error.js';

export type FieldSpec =
  | { type: 'string'; required?: boolean; enum?: readonly string[]; maxLength?: number; description: string }
  | { type: 'integer'; required?: boolean; minimum: number; maximum: number; description: string };

export type ArgSpec = Record<string, FieldSpec>;

/** The JSON Schema the tool lists: closed (additionalProperties: false). */
export function jsonSchema(spec: ArgSpec): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(spec)) {
    const { required: _r, ...rest } = f;
    properties[name] = rest;
  }
  const required = Object.entries(spec)
    .filter(([, f]) => f.required)
    .map(([n]) => n);
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

export function validateArgs(tool: string, spec: ArgSpec, args: unknown): Record<string, string | number | undefined> {
  const given = args ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) throw new SeatbeltError('INPUT', `${tool}: arguments must be an object`);
  const problems: string[] = [];
  const out: Record<string, string | number | undefined> = {};
  const extra = Object.keys(given).filter((k) => !(k in spec));
  if (extra.length) {
    const note = extra.some((k) => k === 'policy' || k === 'role')
      ? " (the policy and role come from the operator's configuration, never from the caller)"
      : '';
    problems.push(`unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')}${note}`);
  }
  for (const [name, f] of Object.entries(spec)) {
    const v = (given as Record<string, unknown>)[name];
    if (v === undefined || v === null) {
      if (f.required) problems.push(`"${name}" is required`);
      continue;
    }
    if (f.type === 'string') {
      if (typeof v !== 'string') problems.push(`"${name}" expected a string, got ${typeof v}`);
      else if (f.enum && !f.enum.includes(v)) problems.push(`"${name}" expected one of ${f.enum.join(', ')}, got ${JSON.stringify(v)}`);
      else if (f.maxLength !== undefined && v.length > f.maxLength) problems.push(`"${name}" is longer than ${f.maxLength} characters`);
      else if (f.required && v.trim() === '') problems.push(`"${name}" is empty: nothing to judge`);
      else out[name] = v;
    } else if (typeof v !== 'number' || !Number.isInteger(v) || v < f.minimum || v > f.maximum) {
      problems.push(`"${name}" expected an integer from ${f.minimum} to ${f.maximum}, got ${JSON.stringify(v)}`);
    } else out[name] = v;
  }
  if (problems.length) throw new SeatbeltError('INPUT', `${tool}: ${problems.join('; ')}`);
  return out;
}
