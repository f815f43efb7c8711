// GitLab CI: the `script`, `before_script` and `after_script` lines of every job (hidden `.template`
// jobs included: they run wherever they are extended), of `default:`, and the old top-level
// globals. Each line is judged on its own, as the runner feeds them to the shell one by one.
// `!reference [...]` entries point at scripts that are judged where they are defined.
import type { Node } from 'yaml';
import { emptyExtraction, type Extraction } from './types.js';
import { entries, get, isScalar, isSeq, parseYaml, scalarLine } from './yaml-util.js';

const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];

export async function extractGitlabCi(file: string, text: string): Promise<Extraction> {
  const out = emptyExtraction();
  const { doc, lineOf, error } = await parseYaml(text);
  if (error) {
    out.problems.push({ file, line: error.line, source: 'gitlab-ci', message: `not valid YAML: ${error.message}` });
    return out;
  }
  const collect = (node: Node | null, where: string): void => {
    if (node === null || node.tag === '!reference') return;
    if (isScalar(node)) {
      // A line YAML reads as a boolean or a number (`- true`) is run as that text.
      const plain = typeof node.value === 'boolean' || typeof node.value === 'number';
      if (typeof node.value === 'string' || plain) {
        out.commands.push({
          file,
          line: scalarLine(node, lineOf),
          source: 'gitlab-ci',
          where,
          action: { kind: 'shell', script: plain ? (node.source ?? String(node.value)) : (node.value as string) },
        });
      } else if (node.value !== null) {
        out.problems.push({ file, line: lineOf(node.range?.[0] ?? 0), source: 'gitlab-ci', message: `${where} is not a string` });
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => collect(item as Node | null, `${where}[${i}]`)); // nested lists are flattened by GitLab
      return;
    }
    // An alias (`*anchor`) is judged where its anchor is defined.
  };
  for (const [key, value] of entries(doc.contents)) {
    if (SCRIPT_KEYS.includes(key)) {
      collect(value, key);
      continue;
    }
    for (const [jobKey, jobValue] of entries(value)) {
      if (SCRIPT_KEYS.includes(jobKey)) collect(jobValue, `${key}.${jobKey}`);
      if (jobKey === 'hooks') collect(get(jobValue, 'pre_get_sources_script'), `${key}.hooks.pre_get_sources_script`);
    }
  }
  return out;
}
