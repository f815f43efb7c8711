// Characters no honest command or query needs, and that parsers and shells read differently:
// a NUL byte (bash drops it, C programs stop at it), a lone UTF-16 surrogate, or U+FFFD (what
// invalid UTF-8 became when it was decoded). Refused before any parser sees the input.
import { actionText, type Action, type RuleMatch } from '../core/types.js';

export const INVALID_CHARACTER_ID = 'parse.invalid_character';

const BAD = /\u0000|\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function invalidCharacterMatch(action: Action): RuleMatch | null {
  const texts = action.kind === 'argv' ? action.argv : [actionText(action)];
  for (const text of texts) {
    const m = BAD.exec(text);
    if (!m) continue;
    const what = m[0] === '\u0000' ? 'a NUL byte' : m[0] === '\uFFFD' ? 'invalid UTF-8 (U+FFFD)' : 'a lone UTF-16 surrogate';
    return {
      ruleId: INVALID_CHARACTER_ID,
      class: 'fail_closed',
      risk: 'CRITICAL',
      reason: `the input contains ${what} at offset ${m.index}, which parsers and shells read differently`,
      remediation: 'remove the character; pass binary data through a file, not the command line',
      evidence: `offset ${m.index}`,
    };
  }
  return null;
}
