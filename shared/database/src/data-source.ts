import { DataSource, type EntitySchema, type Logger as TypeOrmLogger } from 'typeorm';

type MigrationClass = new () => object;

export interface DatabaseOptions {
  url: string;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  entities?: EntitySchema[];
  migrations: MigrationClass[];
  poolSize?: number;
  logger?: TypeOrmLogger;
}

/** The one data source of a service. Schema changes come from migrations only. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities ?? [],
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logger: options.logger,
    logging: options.logger ? ['query', 'error'] : false,
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName,
      connectionTimeoutMillis: 5_000,
    },
  });
}
