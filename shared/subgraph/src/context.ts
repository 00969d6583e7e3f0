import type { Logger } from '@crm/config';
import type { Viewer } from '@crm/auth';

/** What every resolver gets; services extend it with their loaders and data source. */
export interface BaseContext {
  viewer: Viewer | null;
  requestId: string;
  /** The caller's address: as the gateway saw it when it vouches for the request, else the socket's. */
  clientAddress: string;
  logger: Logger;
}

/** The viewer of a request that passed authentication (only public fields see null). */
export function viewerOf(context: BaseContext): Viewer {
  if (!context.viewer) throw new Error('no authenticated viewer on this request');
  return context.viewer;
}
