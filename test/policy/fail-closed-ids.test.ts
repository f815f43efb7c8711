import { describe, expect, it } from 'vitest';
import { isFailClosed } from '../../src/policy/findings.js';
import { UNDECIDABLE } from '../../src/analyze/shell/undecidable.js';
import { SQL_FAIL_CLOSED_RULE_IDS } from '../../src/rules/sql/index.js';
import { ENGINE_FAIL_CLOSED_IDS } from '../../src/engine/fail-closed-ids.js';

describe('isFailClosed', () => {
  it('knows every id the analysers use for "cannot decide"', () => {
    for (const id of [...Object.values(UNDECIDABLE), ...SQL_FAIL_CLOSED_RULE_IDS, ...ENGINE_FAIL_CLOSED_IDS])
      expect(isFailClosed(id), id).toBe(true);
  });
  it('does not treat ordinary rules as undecidable', () => {
    for (const id of ['filesystem.delete', 'sql.write', 'git.push', 'sql.drop', 'remote_code.pipe_to_shell'])
      expect(isFailClosed(id), id).toBe(false);
  });
});
