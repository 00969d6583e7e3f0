/** An entity another subgraph owns (Customer, Employee), as marketing knows it: by id. */
export interface EntityRef {
  id: string;
}
