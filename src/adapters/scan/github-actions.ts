// GitHub Actions: every `run:` step of a workflow (.github/workflows/*.yml) or a composite action
// (action.yml). `${{ … }}` expressions are filled in by the runner before the shell sees the script,
// so they are unknown here: each becomes a shell parameter, which the analysis treats as dynamic
// (and which findings show as the expression again). A `run:` that YAML reads as a boolean or a
// number (`run: true`) is run by the runner as that text, so it is judged as that text.
import { emptyExtraction, type Extraction } from './types.js';
import { Placeholders } from './placeholders.js';
import { entries, get, isSeq, isScalar, parseYaml, scalarLine, stringValue } from './yaml-util.js';
import { POSIX_SHELLS } from '../../catalogue/kinds.js';

const EXPRESSION = /\$\{\{[\s\S]*?\}\}/g;

/** The shell that runs a step: POSIX shells are judged, anything else (pwsh, python, cmd) is skipped. */
export function isPosixShell(shell: string | undefined): boolean {
  if (shell === undefined) return true; // the default on Linux and macOS runners is bash
  const program = /^\s*(?:\/usr\/bin\/|\/bin\/)?(\S+)(?:\s|$)/.exec(shell)?.[1];
  return program !== undefined && POSIX_SHELLS.includes(program);
}

/** The script with each `${{ … }}` replaced by a parameter that `placeholders` maps back to it. */
export function replaceExpressions(script: string, placeholders: Placeholders): string {
  return script.replace(EXPRESSION, (expr) => placeholders.for(expr));
}

export async function extractGithubActions(file: string, text: string): Promise<Extraction> {
  const out = emptyExtraction();
  const { doc, lineOf, error } = await parseYaml(text);
  if (error) {
    out.problems.push({ file, line: error.line, source: 'github-actions', message: `not valid YAML: ${error.message}` });
    return out;
  }
  const root = doc.contents;
  const workflowShell = stringValue(get(get(get(root, 'defaults'), 'run'), 'shell'));
  const stepLists: Array<{ steps: unknown; where: string; shell: string | undefined }> = [];
  for (const [jobId, job] of entries(get(root, 'jobs'))) {
    const shell = stringValue(get(get(get(job, 'defaults'), 'run'), 'shell')) ?? workflowShell;
    stepLists.push({ steps: get(job, 'steps'), where: `jobs.${jobId}.steps`, shell });
  }
  const runs = get(root, 'runs'); // a composite action
  if (runs) stepLists.push({ steps: get(runs, 'steps'), where: 'runs.steps', shell: undefined });

  for (const { steps, where, shell } of stepLists) {
    if (!isSeq(steps)) continue;
    steps.items.forEach((step, i) => {
      const run = get(step, 'run');
      if (run === null) return;
      const at = `${where}[${i}].run`;
      const plain = isScalar(run) && ['boolean', 'number'].includes(typeof run.value); // `run: true`
      if (!isScalar(run) || (typeof run.value !== 'string' && !plain)) {
        out.problems.push({ file, line: lineOf(run.range?.[0] ?? 0), source: 'github-actions', message: `${at} is not a string` });
        return;
      }
      const script = plain ? (run.source ?? String(run.value)) : (run.value as string);
      const line = scalarLine(run, lineOf);
      const stepShell = stringValue(get(step, 'shell')) ?? shell;
      if (!isPosixShell(stepShell)) {
        out.skipped.push({ file, line, source: 'github-actions', message: `${at} runs in "${stepShell}", not a POSIX shell: not judged` });
        return;
      }
      const placeholders = new Placeholders('SEATBELT_GHA_EXPR');
      out.commands.push({
        file,
        line,
        source: 'github-actions',
        where: at,
        action: { kind: 'shell', script: replaceExpressions(script, placeholders) },
        ...(placeholders.size ? { placeholders } : {}),
      });
    });
  }
  return out;
}
