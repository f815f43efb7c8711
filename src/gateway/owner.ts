// The commit owner of a gateway request: `X-Commit-Owner: human:<id>` or `service:<id>`. It is what
// the caller asserts, not an authenticated identity: the gateway records it (and limits by it), and
// says so wherever it is shown. Parsed here once, at the boundary, into a typed value or an error
// that names the header.

export const OWNER_HEADER = 'X-Commit-Owner';

export type OwnerKind = 'human' | 'service';

export interface Owner {
  /** `human:<id>` or `service:<id>`, as recorded. */
  value: string;
  kind: OwnerKind;
  id: string;
}

export interface OwnerError {
  header: typeof OWNER_HEADER;
  code: 'missing' | 'malformed';
  /** One line for the caller (an HTTP 400 body, an MCP error). */
  message: string;
}

export type OwnerResult = { ok: true; owner: Owner } | { ok: false; error: OwnerError };

/** Letters, digits and `. _ @ + -`, 1-128 of them: an email, a user name, a service name. */
const ID = /^[A-Za-z0-9._@+-]{1,128}$/;
const FORM = `${OWNER_HEADER}: human:<id> or service:<id> (id: 1-128 letters, digits or . _ @ + -)`;

/** Parses the header's value as node:http gives it (a string, an array when repeated, or absent). */
export function parseOwner(value: string | readonly string[] | undefined): OwnerResult {
  const fail = (code: OwnerError['code'], message: string): OwnerResult => ({ ok: false, error: { header: OWNER_HEADER, code, message } });
  if (value === undefined || (typeof value === 'string' && value.trim() === ''))
    return fail('missing', `the ${OWNER_HEADER} header is required: ${FORM}`);
  if (typeof value !== 'string') {
    if (value.length !== 1) return fail('malformed', `the ${OWNER_HEADER} header was sent ${value.length} times; send it once: ${FORM}`);
    return parseOwner(value[0]);
  }
  const m = /^(human|service):(.*)$/.exec(value.trim());
  if (!m) return fail('malformed', `the ${OWNER_HEADER} header ${JSON.stringify(value.slice(0, 80))} is not ${FORM}`);
  const id = m[2]!;
  if (!ID.test(id)) return fail('malformed', `the ${OWNER_HEADER} header's id ${JSON.stringify(id.slice(0, 80))} is not allowed: ${FORM}`);
  const kind = m[1] as OwnerKind;
  return { ok: true, owner: { value: `${kind}:${id}`, kind, id } };
}
