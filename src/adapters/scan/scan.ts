// Judges the commands the extractors found, with the decision alone (`Session.check`): a scan
// decides what WILL run later, nothing runs now, so nothing is sealed into the audit trail.
import { actionText, type Action, type RuleMatch } from '../../core/types.js';
import type { Session } from '../session.js';
import type { ExtractedCommand, Extraction, ScanSkip, ScanSource } from './types.js';

export interface ScanFinding {
  file: string;
  line: number;
  source: ScanSource;
  where: string;
  ruleId: string;
  risk: RuleMatch['risk'];
  reason: string;
  remediation: string;
  /** The command that matched (as the rule reports it). */
  evidence: string;
}

export interface ScanReport {
  filesScanned: number;
  commandsJudged: number;
  findings: ScanFinding[];
  skipped: ScanSkip[];
}

function scriptText(action: Action): string {
  return actionText(action);
}

/** Offsets where `needle` occurs in `text`, those that start a command (not in a comment or echo's data) first. */
function occurrences(text: string, needle: string): number[] {
  const all: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) all.push(at);
  const before = (at: number): string => text.slice(text.lastIndexOf('\n', at - 1) + 1, at).trim();
  const startsCommand = (at: number): boolean => /(^|[;&|({`]|\$\(|\b(then|else|do)|&&|\|\|)$/.test(before(at));
  return [...all.filter(startsCommand), ...all.filter((at) => !startsCommand(at))];
}

/**
 * The file line where `evidence` sits inside the command's script. `nth` picks a later occurrence
 * when several matches of one command quote the same text.
 */
export function locate(cmd: ExtractedCommand, evidence: string, nth = 0): number {
  const text = scriptText(cmd.action);
  const first = evidence.split('\n')[0]!.trim();
  // Evidence may carry what was judged after the command's text (`rm -rf / (deletes …)`): look for
  // the whole line, then for it without each trailing ` (…)` in turn.
  let needle = first;
  let found = needle === '' ? [] : occurrences(text, needle);
  for (let cut = first.lastIndexOf(' ('); found.length === 0 && cut > 0; cut = first.lastIndexOf(' (', cut - 1)) {
    needle = first.slice(0, cut);
    found = occurrences(text, needle);
  }
  const at = found[Math.min(nth, found.length - 1)];
  if (at === undefined) return cmd.line;
  if (cmd.offsets) return cmd.line + cmd.offsets.filter((o) => o <= at).length;
  return cmd.line + (text.slice(0, at).match(/\n/g)?.length ?? 0);
}

export async function judgeExtractions(
  extractions: Extraction[],
  session: Pick<Session, 'check'>,
): Promise<Omit<ScanReport, 'filesScanned'>> {
  const findings: ScanFinding[] = [];
  const skipped: ScanSkip[] = [];
  const seen = new Set<string>();
  const add = (f: ScanFinding): void => {
    const key = `${f.file}\0${f.line}\0${f.ruleId}\0${f.evidence}`;
    if (!seen.has(key)) (findings.push(f), seen.add(key));
  };
  let commandsJudged = 0;
  for (const ex of extractions) {
    skipped.push(...ex.skipped);
    for (const p of ex.problems) {
      add({
        ...p,
        where: '',
        ruleId: 'scan.unreadable',
        risk: 'HIGH',
        reason: p.message,
        remediation: 'fix the file so it can be read: seatbelt cannot judge commands it cannot read',
        evidence: '',
      });
    }
    for (const cmd of ex.commands) {
      commandsJudged++;
      const decision = await session.check(cmd.action);
      if (decision.decision !== 'block') continue;
      const base = { file: cmd.file, source: cmd.source, where: cmd.where };
      if (decision.blocking.length === 0) {
        add({
          ...base,
          line: cmd.line,
          ruleId: 'policy.not_allowed',
          risk: 'HIGH',
          reason: decision.reason,
          remediation: decision.remediation,
          evidence: scriptText(cmd.action).split('\n')[0]!,
        });
      }
      const used = new Map<string, number>();
      for (const m of decision.blocking) {
        const nth = used.get(m.evidence) ?? 0;
        used.set(m.evidence, nth + 1);
        add({
          ...base,
          line: locate(cmd, m.evidence, nth),
          ruleId: m.ruleId,
          risk: m.risk,
          reason: m.reason,
          remediation: m.remediation,
          evidence: m.evidence,
        });
      }
    }
  }
  findings.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { commandsJudged, findings, skipped };
}
