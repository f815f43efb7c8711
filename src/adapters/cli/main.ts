// The seatbelt CLI: one file per command, each mapping flags onto a library call. This file only
// registers them; program.ts holds the single top-level catch that maps error classes to exit codes.
import type { Command } from 'commander';
import { finishProgram, newProgram, runProgram } from './program.js';
import { registerExec } from './exec.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerSql } from './sql.js';
import { registerKeys } from './keys.js';
import { registerVerify } from './verify.js';
import { registerAudit } from './audit.js';
import { registerHook } from './hook.js';
import { registerScan } from './scan.js';
import { registerMcp } from './mcp.js';
import { registerCompletion } from './completion.js';
import { registerInit } from './init.js';
import { registerRoles } from './roles.js';
import { registerConfig } from './config.js';
import { registerTrust } from './trust.js';
import { registerCatalogue } from './catalogue.js';
import { registerApprove } from './approve.js';
import { registerReceipt } from './receipt.js';
import { registerServe } from './serve.js';
import { registerCheckpoint } from './checkpoint.js';
import { registerPolicy } from './policy.js';
import { registerDaemon } from './daemon.js';
import { restoreExtraCaCerts } from './extra-ca-certs.js';

// For the start-up snapshot's builder (scripts/snapshot.mjs) and bin/seatbelt, which have only this bundle's exports.
export { warmUp } from './warm-up.js';
export { exitWith } from './program.js';

export function buildProgram(): Command {
  const program = newProgram();
  registerExec(program);
  registerCheck(program);
  registerDemo(program);
  registerSql(program);
  registerKeys(program);
  registerVerify(program);
  registerAudit(program);
  registerHook(program);
  registerScan(program);
  registerMcp(program);
  registerInit(program);
  registerRoles(program);
  registerConfig(program);
  registerTrust(program);
  registerCatalogue(program);
  registerApprove(program);
  registerReceipt(program);
  registerServe(program);
  registerCheckpoint(program);
  registerPolicy(program);
  registerDaemon(program);
  registerCompletion(program);
  return finishProgram(program);
}

/**
 * Runs one command line. `prebuilt`: a tree from buildProgram() that no parse has touched (the
 * start-up snapshot builds it while it is made, ~12 ms less at every start); it is used once.
 */
export function main(argv: string[], prebuilt?: Command): Promise<number> {
  restoreExtraCaCerts(process.env);
  return runProgram(prebuilt ?? buildProgram(), argv);
}
