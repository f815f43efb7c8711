// The seatbelt CLI: one file per command, each mapping flags onto a library call. This file only
// registers them, in the order help lists them; program.ts holds the single top-level catch that
// maps error classes to exit codes.
import { defineCli } from './program.js';
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
export { underCacheFlags } from './baseline-compiler.js';

export const { buildProgram, main } = defineCli([
  registerExec,
  registerCheck,
  registerDemo,
  registerSql,
  registerKeys,
  registerVerify,
  registerAudit,
  registerHook,
  registerScan,
  registerMcp,
  registerInit,
  registerRoles,
  registerConfig,
  registerTrust,
  registerCatalogue,
  registerApprove,
  registerReceipt,
  registerServe,
  registerCheckpoint,
  registerPolicy,
  registerDaemon,
  registerCompletion,
]);
