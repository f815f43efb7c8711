// The deployment environments a trail's records may name (`environment`, from the operator's
// settings: SEATBELT_ENVIRONMENT or the user config). Reports and filters group by it.
export const ENVIRONMENTS = ['prod', 'staging', 'dev'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const isEnvironment = (v: unknown): v is Environment => (ENVIRONMENTS as readonly unknown[]).includes(v);
