// SARIF 2.1.0 for code-scanning UIs (GitHub code scanning reads `security-severity` and `tags`):
// one run, the rules that fired as `tool.driver.rules`, one result per finding with its file,
// line and the line's text, a fingerprint stable across line moves, and suppressions: `inSource`
// for an inline marker (with its reason), `external` for a finding the baseline knows.
import type { ScanFinding } from './scan.js';
import { FINGERPRINT_KEY } from './fingerprint.js';
import { levelOf, securitySeverity, unjudgeable } from './severity.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  version: string;
  strict: boolean;
  /** The baseline file, when one was given: results then carry `baselineState`. */
  baseline?: string;
}

function tagsOf(f: ScanFinding, strict: boolean): string[] {
  const tags = ['security', 'seatbelt', f.ruleId.split('.')[0]!, f.source];
  if (unjudgeable(f)) tags.push('cannot-judge-statically');
  tags.push(`risk-${f.risk.toLowerCase()}`);
  if (unjudgeable(f) && !strict) tags.push('warning-only');
  return [...new Set(tags)];
}

function messageOf(f: ScanFinding): string {
  const what = f.lineText ? `\`${f.lineText}\`` : f.file;
  const cmd = f.evidence && f.evidence !== f.lineText ? ` (command: ${f.evidence})` : '';
  const why = unjudgeable(f) ? ' It could not be judged statically, so it is reported as a warning.' : '';
  return `${f.reason}: ${what}${cmd}.${why}${f.remediation ? ` Remediation: ${f.remediation}.` : ''}`;
}

export function toSarif(findings: ScanFinding[], opts: SarifOptions): Record<string, unknown> {
  const rules: Array<Record<string, unknown>> = [];
  const index = new Map<string, number>();
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, rules.length);
    rules.push({
      id: f.ruleId,
      name: f.ruleId,
      shortDescription: { text: f.reason },
      fullDescription: { text: f.reason },
      help: { text: f.remediation || f.reason },
      defaultConfiguration: { level: levelOf(f, opts.strict) },
      properties: {
        'security-severity': securitySeverity(f, opts.strict),
        tags: tagsOf(f, opts.strict),
        precision: unjudgeable(f) ? 'low' : 'high',
        risk: f.risk,
      },
    });
  }
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: { driver: { name: 'seatbelt', version: opts.version, informationUri: 'https://www.npmjs.com/package/seatbelt', rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'the folder seatbelt scan ran in' } } },
        results: findings.map((f) => {
          const suppressions = [
            ...(f.suppressed ? [{ kind: 'inSource', justification: f.suppressed.justification }] : []),
            ...(f.baselined ? [{ kind: 'external', justification: `known in the baseline ${opts.baseline ?? ''}`.trim() }] : []),
          ];
          return {
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId),
            level: levelOf(f, opts.strict),
            message: { text: messageOf(f) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                  region: { startLine: f.line, ...(f.lineText ? { snippet: { text: f.lineText } } : {}) },
                },
              },
            ],
            partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
            ...(suppressions.length ? { suppressions } : {}),
            // Against a baseline every result is new or unchanged, but those a marker allows (never baselined).
            ...(opts.baseline !== undefined && !f.suppressed ? { baselineState: f.baselined ? 'unchanged' : 'new' } : {}),
            properties: { source: f.source, where: f.where, risk: f.risk, command: f.evidence },
          };
        }),
      },
    ],
  };
}
