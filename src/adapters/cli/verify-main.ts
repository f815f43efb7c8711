// `seatbelt verify` on its own (bin/seatbelt runs it for `verify`): the same command, flags, help
// and exit codes as in the whole CLI, without loading the rest of it (the engine, the rules, the
// catalogue), so verify's memory is the trail's and not the guard's: ~15 MB less at start, and
// with a small young generation set by bin/seatbelt, a million records fit in 100 MB (bench/).
import { defineCli, exitWith } from './program.js';
import { registerVerify } from './verify.js';

exitWith(defineCli([registerVerify]).main(process.argv.slice(2)));
