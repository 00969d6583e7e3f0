// The services of the platform, their ports and databases: one list that the local runtime,
// the gateway's composition and the docker-compose check all read.
export const SERVICE_NAMES = [
  'identity',
  'sales',
  'marketing',
  'customer-service',
  'product-feedback',
  'analytics',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServiceInfo {
  name: ServiceName;
  port: number;
  /** Database name of the service (local runtime: one database per service on one server). */
  database: string;
  /** Folder of the service, relative to the repository root. */
  dir: string;
}

const PORTS: Record<ServiceName, number> = {
  identity: 4001,
  sales: 4002,
  marketing: 4003,
  'customer-service': 4004,
  'product-feedback': 4005,
  analytics: 4006,
};

export const GATEWAY_PORT = 4000;

export function databaseNameOf(name: ServiceName): string {
  return `crm_${name.replace(/-/g, '_')}`;
}

export const SERVICES: readonly ServiceInfo[] = SERVICE_NAMES.map((name) => ({
  name,
  port: PORTS[name],
  database: databaseNameOf(name),
  dir: `services/${name}`,
}));

export function serviceInfo(name: ServiceName): ServiceInfo {
  const info = SERVICES.find((s) => s.name === name);
  if (!info) throw new Error(`unknown service ${name}`);
  return info;
}

/** Environment variable the gateway reads for a subgraph's URL, e.g. SUBGRAPH_CUSTOMER_SERVICE_URL. */
export function subgraphUrlVariable(name: ServiceName): string {
  return `SUBGRAPH_${name.replace(/-/g, '_').toUpperCase()}_URL`;
}
