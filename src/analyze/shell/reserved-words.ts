// bash's reserved words spelled with letters: they begin or end compound commands and name no
// command. The converter's checks, the emitter and the plain-script reader each add their symbols.
export const RESERVED_WORDS: readonly string[] = [
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
];
