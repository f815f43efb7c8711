// AppleScript's capabilities: `do shell script`, and scripting other applications (`tell
// application …`), which can delete, move, type keys or quit anything. Displaying, logging and
// computing stay allowed; a word outside strings that starts any of those blocks.
import type { CapabilityTable, CheckContext } from './table.js';

const ACTING = new Set([
  'do',
  'tell',
  'run',
  'load',
  'store',
  'delete',
  'move',
  'duplicate',
  'write',
  'access',
  'eof',
  'make',
  'save',
  'keystroke',
  'key',
  'click',
  'quit',
  'restart',
  'shut',
  'activate',
  'launch',
  'open',
  'reopen',
  'mount',
  'eject',
  'empty',
  'call',
  'framework',
  'application',
  'app',
  'print',
  'using',
  'considering',
  'script',
]);

function check(ctx: CheckContext): void {
  for (const t of ctx.tokens) {
    if (t.kind === 'name' && ACTING.has(t.value.toLowerCase()))
      ctx.problem(`${t.value}: AppleScript that runs commands or scripts applications`);
  }
}

export const APPLESCRIPT: CapabilityTable = { globals: {}, members: {}, strict: [], methods: {}, check };
