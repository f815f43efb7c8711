// Boundary validation for hook payloads: read typed fields, collect every problem, throw once.
import path from 'node:path';
import { SeatbeltError } from '../../core/error.js';

export class PayloadReader {
  private readonly problems: string[] = [];
  readonly obj: Record<string, unknown>;
  private readonly host: string;

  constructor(payload: unknown, host: string) {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new SeatbeltError(
        'INPUT',
        `${host} hook input must be a JSON object, got ${Array.isArray(payload) ? 'an array' : payload === null ? 'null' : typeof payload}`,
      );
    }
    this.obj = payload as Record<string, unknown>;
    this.host = host;
  }

  private at(field: string): unknown {
    let v: unknown = this.obj;
    for (const k of field.split('.'))
      v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
    return v;
  }

  /** A string field; `required` also refuses the empty string. */
  string(field: string, required: true): string;
  string(field: string, required?: false): string | undefined;
  string(field: string, required = false): string | undefined {
    const v = this.at(field);
    if (v === undefined || v === null) {
      if (required) this.problems.push(`"${field}" is missing`);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.problems.push(`"${field}" expected a string, got ${Array.isArray(v) ? 'array' : typeof v}`);
      return undefined;
    }
    if (required && v.trim() === '') this.problems.push(`"${field}" is empty`);
    return v;
  }

  /** An optional absolute folder (the empty string counts as absent). */
  folder(field: string): string | undefined {
    const v = this.string(field);
    if (v === undefined || v === '') return undefined;
    if (!path.isAbsolute(v)) {
      this.problems.push(`"${field}" expected an absolute path, got ${JSON.stringify(v.slice(0, 80))}`);
      return undefined;
    }
    return v;
  }

  object(field: string, required: boolean): Record<string, unknown> | undefined {
    const v = this.at(field);
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.problems.push(
        `"${field}" expected an object, got ${v === undefined ? 'nothing' : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v}`,
      );
      return undefined;
    }
    return v as Record<string, unknown>;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws SeatbeltError('INPUT') naming every problem found so far. */
  done(): void {
    if (this.problems.length) throw new SeatbeltError('INPUT', `malformed ${this.host} hook input: ${this.problems.join('; ')}`);
  }
}
