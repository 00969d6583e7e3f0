import { idsOnly, loaderByKey, loaderOfLists } from '@crm/subgraph';
import type { DataSource } from 'typeorm';
import { findEmployeesByIds, findMembers } from './employees';
import { findTeamsByIds } from './teams';

/** Per-request loaders: one SQL query per entity type per request; malformed ids find nothing. */
export function createLoaders(dataSource: DataSource) {
  const tx = dataSource.manager;
  return {
    employee: loaderByKey(
      idsOnly((ids) => findEmployeesByIds(tx, ids)),
      (e) => e.id,
    ),
    team: loaderByKey(
      idsOnly((ids) => findTeamsByIds(tx, ids)),
      (t) => t.id,
    ),
    members: loaderOfLists(
      idsOnly((teamIds) => findMembers(tx, teamIds)),
      (e) => e.teamId ?? '',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
