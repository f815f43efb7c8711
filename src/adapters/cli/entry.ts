// The executable's entry: runs the CLI. Kept apart from main.ts so that importing the program
// definition (for completions and tests) does not run it.
import { main } from './main.js';
import { exitWith } from './program.js';

exitWith(main(process.argv.slice(2)));
