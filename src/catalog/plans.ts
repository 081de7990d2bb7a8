/** The plan ids: a light module, so the CLI can offer them without loading the catalog or zod. */
export const PLAN_IDS = ['b2c', 'b2b'] as const;
export type PlanId = (typeof PLAN_IDS)[number];
