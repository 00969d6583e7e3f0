import { can, type Viewer } from '@crm/auth';
import { forbidden } from '@crm/subgraph';

export function requireAdmin(viewer: Viewer): void {
  if (!can(viewer, 'employees.manage'))
    throw forbidden('only an ADMIN can manage employees and teams');
}
