// The seatbelt CLI: one file per command, each mapping flags onto a library call. This file only
// registers them; program.ts holds the single top-level catch that maps error classes to exit codes.
import type { Command } from 'commander';
import { finishProgram, newProgram, runCli } from './program.js';
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

/** Runs one command line (see runCli). */
export function main(argv: string[], prebuilt?: Command): Promise<number> {
  return runCli(buildProgram, argv, prebuilt);
}
