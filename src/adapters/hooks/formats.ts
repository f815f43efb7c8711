// Every host wire format by name.
import { claudeCode } from './claude-code.js';
import { codex } from './codex.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import type { HostFormat, HostName } from './types.js';

export const FORMATS: Record<HostName, HostFormat> = { 'claude-code': claudeCode, codex, gemini, cursor };
