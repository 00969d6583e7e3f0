import { loaderByKey, loaderOfLists } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findEmployeesByIds, findMembers } from './employees';
import { findTeamsByIds } from './teams';

/** Per-request loaders: one SQL query per entity type per request. */
export function createLoaders(dataSource: DataSource) {
  const tx = dataSource.manager;
  return {
    employee: loaderByKey(
      (ids: readonly string[]) => findEmployeesByIds(tx, ids),
      (e) => e.id,
    ),
    team: loaderByKey(
      (ids: readonly string[]) => findTeamsByIds(tx, ids),
      (t) => t.id,
    ),
    members: loaderOfLists(
      (teamIds: readonly string[]) => findMembers(tx, teamIds),
      (e) => e.teamId ?? '',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
