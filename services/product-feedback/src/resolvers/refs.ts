/** An entity another subgraph owns (Customer, Employee), as product feedback knows it: by id. */
export interface EntityRef {
  id: string;
}
