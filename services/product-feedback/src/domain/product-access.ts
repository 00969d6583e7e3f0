import { can, type Viewer } from '@crm/auth';
import { forbidden } from '@crm/subgraph';

/** Ideas, links, merges and ranking weights are product's call (PRODUCT_MANAGER, ADMIN). */
export function requireProduct(viewer: Viewer): void {
  if (!can(viewer, 'feedback.triage')) throw forbidden('only product can manage ideas');
}
