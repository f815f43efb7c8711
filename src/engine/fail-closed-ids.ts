// The ids the default engine itself (not a parser or a rule pack) uses for "cannot decide".
export const ENGINE_FAIL_CLOSED_IDS = [
  'internal.analysis_failed',
  'databases.unknown_sql_client',
  'databases.dynamic_sql',
  'rules.internal_error',
  'parse.invalid_character',
  'gateway.malformed_arguments',
] as const;
