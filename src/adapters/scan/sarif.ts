// SARIF 2.1.0 for code-scanning UIs: one run, the rules that fired as `tool.driver.rules`, and one
// result per finding with its file and line.
import type { ScanFinding } from './scan.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(risk: ScanFinding['risk']): 'error' | 'warning' | 'note' {
  return risk === 'CRITICAL' || risk === 'HIGH' ? 'error' : risk === 'MEDIUM' ? 'warning' : 'note';
}

export function toSarif(findings: ScanFinding[], version: string): Record<string, unknown> {
  const rules: Array<Record<string, unknown>> = [];
  const index = new Map<string, number>();
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, rules.length);
    rules.push({
      id: f.ruleId,
      name: f.ruleId,
      shortDescription: { text: f.reason },
      help: { text: f.remediation || f.reason },
      defaultConfiguration: { level: level(f.risk) },
      properties: { risk: f.risk },
    });
  }
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: { driver: { name: 'seatbelt', version, rules } },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: level(f.risk),
          message: {
            text: `${f.reason}.${f.remediation ? ` Remediation: ${f.remediation}.` : ''}${f.evidence ? ` (command: ${f.evidence})` : ''}`,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line },
              },
            },
          ],
          properties: { source: f.source, where: f.where, risk: f.risk },
        })),
      },
    ],
  };
}
