/** The catalog data against its zod schemas: every field, enum and shape (run by the catalog test). */
import { z } from 'zod';
import { b2b } from '../../catalog/b2b.js';
import { b2c } from '../../catalog/b2c.js';
import { dependencies } from '../../catalog/dependencies.js';
import { DependencySchema, PlanSchema } from './schema.js';

export function validateCatalogData(): void {
  PlanSchema.parse(b2c);
  PlanSchema.parse(b2b);
  z.array(DependencySchema).parse(dependencies);
}
