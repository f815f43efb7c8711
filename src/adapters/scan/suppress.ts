// Inline acceptance of a finding: `# seatbelt: allow <rule-id>[,<rule-id>…] -- <reason>`, as a
// comment at the end of the finding's line, or alone on the line above it. The reason is required:
// a marker without one (or without a rule id) is itself a finding. A marker allows only the rule
// ids it names, on that one line; it is reported with the finding, never silent.
//
// Threat model: `scan` is run by CI or the operator on a repository on purpose, so a marker is the
// repository owner's review decision, visible in the diff and in every report. The agent-facing
// paths (exec, check, the hooks, MCP) never read markers: there the repository is untrusted.

export interface Marker {
  /** The marker's own line (1-based). */
  line: number;
  /** The line it allows findings on: its own (a trailing comment) or the next (a comment line). */
  covers: number;
  ruleIds: string[];
  reason: string;
  used: boolean;
}

export interface BadMarker {
  line: number;
  message: string;
}

const MARKER = /(?:^|\s)#\s*seatbelt:\s*allow\b(.*)$/;
const BODY = /^\s+([A-Za-z0-9_.-]+(?:\s*,\s*[A-Za-z0-9_.-]+)*)\s+--\s+(\S.*?)\s*$/;

export const MARKER_SYNTAX = '# seatbelt: allow <rule-id> -- <reason>';

export function readMarkers(text: string): { markers: Marker[]; bad: BadMarker[] } {
  const markers: Marker[] = [];
  const bad: BadMarker[] = [];
  text.split(/\r?\n/).forEach((content, i) => {
    const m = MARKER.exec(content);
    if (!m) return;
    const line = i + 1;
    const body = BODY.exec(m[1]!);
    if (!body) {
      const noReason = /^\s+[A-Za-z0-9_.-]+(\s*,\s*[A-Za-z0-9_.-]+)*\s*(--\s*)?$/.test(m[1]!);
      bad.push({
        line,
        message: noReason
          ? `a "seatbelt: allow" marker needs a reason after "--": ${MARKER_SYNTAX}`
          : `a "seatbelt: allow" marker must name the rule id and give a reason: ${MARKER_SYNTAX}`,
      });
      return;
    }
    const standalone = content.slice(0, content.length - m[0].length).trim() === '' && m[0].trimStart().startsWith('#');
    markers.push({
      line,
      covers: standalone ? line + 1 : line,
      ruleIds: body[1]!.split(/\s*,\s*/),
      reason: body[2]!,
      used: false,
    });
  });
  return { markers, bad };
}

/** The marker that allows `ruleId` on `line`, marked used, or undefined. */
export function allowedBy(markers: Marker[], line: number, ruleId: string): Marker | undefined {
  const m = markers.find((x) => x.covers === line && x.ruleIds.includes(ruleId));
  if (m) m.used = true;
  return m;
}
