import { Organization } from '../domain/organizations/organization.entity.js';

/**
 * Every entity class, passed to MikroORM as classes (not globs) so discovery is identical under
 * tsx, vitest and the built `dist/`.
 */
export const entities = [Organization];
