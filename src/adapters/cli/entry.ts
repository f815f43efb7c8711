// The executable's entry: runs the CLI. Kept apart from main.ts so that importing the program
// definition (for completions and tests) does not run it.
import { EXIT } from '../../core/error.js';
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT.INTERNAL;
  },
);
