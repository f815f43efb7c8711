// Family: network. One spec per program: names, option grammar, subcommands, operand roles, verbs with
// their effects, and examples that must block and must allow (run by the tests).
import type { ProgramSpec } from '../spec.js';

export const NETWORK: ProgramSpec[] = [];
