// Which paths may pass through ungated. A path the upstream could read as a gated API — spelled
// another way (`//`, `%2F`, `/./`, a trailing slash) or under another prefix (Azure's
// `/openai/deployments/…/chat/completions`) — or one that returns model output the gateway never
// saw (stored responses, batches, assistants' runs) would carry tool calls past the gate: refused,
// with or without --strict-paths.

/** Path segments of the endpoints that generate or return model output. */
const GENERATING = /(?:^|\/)(?:chat\/completions|completions|responses|messages|batches|threads|runs|assistants|realtime)(?:\/|$)/i;
/** Ones that only count or list, allowed to pass. */
const HARMLESS = new Set(['/v1/messages/count_tokens', '/v1/responses/input_tokens']);

/** Null when the path may pass through; otherwise why not. */
export function passThroughRefusal(rawPath: string): string | null {
  const canonical = canonicalPath(rawPath);
  if (canonical === null) return 'the path is not a plain path (encoded or malformed)';
  if (canonical !== rawPath) return `the path is not in its plain form (${canonical}): the upstream might read it as a gated API`;
  if (HARMLESS.has(canonical)) return null;
  if (GENERATING.test(canonical)) return 'the path produces or returns model output that the gateway does not gate';
  return null;
}

/** Percent-decoded, `//` collapsed, dot segments resolved, no trailing slash; null when it does not decode. */
export function canonicalPath(p: string): string | null {
  let s = p;
  for (let i = 0; i < 3; i++) {
    let d: string;
    try {
      d = decodeURIComponent(s);
    } catch {
      return null;
    }
    if (d === s) break;
    s = d;
  }
  if (/[\\\0]/.test(s)) return null;
  const out: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}
