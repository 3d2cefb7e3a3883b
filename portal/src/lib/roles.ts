/** An admin's role (Admin.role): OWNERs and ADMINs change things, VIEWERs only read (the API enforces it). */
export type AdminRole = 'OWNER' | 'ADMIN' | 'VIEWER';

/** Whether the portal offers changes to this role; the API refuses a VIEWER's change anyway (FORBIDDEN). */
export function canChange(role: AdminRole): boolean {
  return role !== 'VIEWER';
}
