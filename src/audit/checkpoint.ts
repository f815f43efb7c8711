// Checkpoints in the C2SP tlog-checkpoint format (c2sp.org/tlog-checkpoint): the note text is the
// origin (which trail), the tree size (how many records) and the base64 RFC 6962 root of the
// record hashes; it is signed as a C2SP signed note by the trail's key. A checkpoint commits to
// every record up to its size: a cut tail or a rewritten record no longer matches it.
import { NoteError, strictBase64, toBase64 } from './note.js';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

/** The origin of a trail: a stable name made from its first record's event id. */
export function trailOrigin(firstEventId: string): string {
  return `seatbelt.trail/${firstEventId}`;
}

export function checkpointText(c: Checkpoint): string {
  if (!c.origin || /[\s+]/u.test(c.origin))
    throw new NoteError(`checkpoint origin "${c.origin}" must be non-empty and hold no spaces or "+"`);
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new NoteError(`checkpoint size ${c.size} must be a non-negative integer`);
  if (c.root.length !== 32) throw new NoteError('checkpoint root must be 32 bytes');
  return `${c.origin}\n${c.size}\n${toBase64(c.root)}\n`;
}

/** Parse a checkpoint's (already verified) note text. Extension lines are refused: seatbelt signs none. */
export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[3] !== '') throw new NoteError('checkpoint: expected three lines (origin, size, root)');
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (!origin) throw new NoteError('checkpoint: empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) throw new NoteError('checkpoint: bad tree size');
  const root = strictBase64(rootText);
  if (!root || root.length !== 32) throw new NoteError('checkpoint: the root must be 32 bytes of base64');
  return { origin, size: Number(sizeText), root };
}
