import type { JWTPayload } from 'jose';
import { isRole, type Role } from './roles';

/** The authenticated caller of a request, from a verified token. */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  /** The team the person belongs to. */
  teamId: string | null;
  /** Teams the person manages (a sales manager sees these teams' customers). */
  managedTeamIds: string[];
}

/** Claims the identity service puts in its tokens (other OIDC providers map theirs to these). */
export interface CrmClaims extends JWTPayload {
  name?: string;
  email?: string;
  roles?: string[];
  team_id?: string | null;
  managed_team_ids?: string[];
}

export function viewerFromClaims(claims: CrmClaims): Viewer {
  if (!claims.sub) throw new Error('token has no subject');
  return {
    id: claims.sub,
    name: claims.name ?? '',
    email: claims.email ?? '',
    roles: (claims.roles ?? []).filter(isRole),
    teamId: claims.team_id ?? null,
    managedTeamIds: claims.managed_team_ids ?? [],
  };
}

export function claimsOf(viewer: Viewer): CrmClaims {
  return {
    sub: viewer.id,
    name: viewer.name,
    email: viewer.email,
    roles: viewer.roles,
    team_id: viewer.teamId,
    managed_team_ids: viewer.managedTeamIds,
  };
}

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return viewer.roles.some((r) => roles.includes(r));
}
