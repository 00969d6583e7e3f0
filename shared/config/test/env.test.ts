import { EnvError, parseEnv, SERVICE_PRODUCTION_RULES, serviceEnvSchema } from '../src';

describe('service configuration', () => {
  it('fills in the local defaults of a service', () => {
    const env = parseEnv(serviceEnvSchema('sales'), {});
    expect(env).toMatchObject({
      PORT: 4002,
      DATABASE_URL: 'postgres://root@127.0.0.1:5432/crm_sales',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_GROUP_ID: 'crm-sales',
      BUSINESS_TIMEZONE: 'Asia/Shanghai',
      RUN_MIGRATIONS: true,
    });
  });

  it('reads lists and booleans as people write them', () => {
    const env = parseEnv(serviceEnvSchema('customer-service'), {
      KAFKA_BROKERS: 'a:9092, b:9092',
      RUN_MIGRATIONS: 'no',
      PORT: '5000',
    });
    expect(env).toMatchObject({
      KAFKA_BROKERS: ['a:9092', 'b:9092'],
      RUN_MIGRATIONS: false,
      PORT: 5000,
      DATABASE_URL: expect.stringContaining('crm_customer_service'),
    });
  });

  it('reports every bad variable at once, with its name and the value it got', () => {
    let error: EnvError | undefined;
    try {
      parseEnv(serviceEnvSchema('identity'), {
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        JWKS_URL: 'not a url',
        BUSINESS_TIMEZONE: 'Mars/Olympus',
        LOG_LEVEL: 'loud',
      });
    } catch (err) {
      error = err as EnvError;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect(error!.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'BUSINESS_TIMEZONE',
      'DATABASE_URL',
      'JWKS_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(error!.message).toMatch(
      /DATABASE_URL: must be a postgres:\/\/ URL \(got "mysql:\/\/x"\)/,
    );
    expect(error!.message).toMatch(
      /BUSINESS_TIMEZONE: must be an IANA time zone such as Asia\/Shanghai \(got "Mars\/Olympus"\)/,
    );
  });
});

describe('production configuration', () => {
  const strong = {
    NODE_ENV: 'production',
    JWT_ISSUER: 'https://login.example.com',
    JWT_AUDIENCE: 'crm-example',
    GATEWAY_SECRET: 'x'.repeat(48),
    DATABASE_URL: 'postgres://crm:s3cr3t-Pa55@db:5432/crm_sales',
  };

  it('refuses development defaults in one message that lists every problem', () => {
    let error: EnvError | undefined;
    try {
      parseEnv(
        serviceEnvSchema('sales'),
        { NODE_ENV: 'production', PORT: 'eighty' },
        SERVICE_PRODUCTION_RULES,
      );
    } catch (err) {
      error = err as EnvError;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect(error!.problems.map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'JWT_ISSUER',
      'JWT_AUDIENCE',
      'GATEWAY_SECRET',
      'DATABASE_URL',
    ]);
  });

  it.each([
    ['no password', 'postgres://crm@db/crm_sales', /DATABASE_URL: no password/],
    ['a default password', 'postgres://crm:crm@db/crm_sales', /DATABASE_URL: a default password/],
    ['postgres', 'postgres://postgres:postgres@db/crm_sales', /DATABASE_URL: a default password/],
  ])('refuses a database URL with %s', (_, url, problem) => {
    expect(() =>
      parseEnv(
        serviceEnvSchema('sales'),
        { ...strong, DATABASE_URL: url },
        SERVICE_PRODUCTION_RULES,
      ),
    ).toThrow(problem);
  });

  it('accepts a configuration of its own, and leaves development alone', () => {
    expect(parseEnv(serviceEnvSchema('sales'), strong, SERVICE_PRODUCTION_RULES).JWT_AUDIENCE).toBe(
      'crm-example',
    );
    expect(parseEnv(serviceEnvSchema('sales'), {}, SERVICE_PRODUCTION_RULES).NODE_ENV).toBe(
      'development',
    );
  });

  it('never echoes a secret or a database password in its message', () => {
    let message = '';
    try {
      parseEnv(
        serviceEnvSchema('sales'),
        { ...strong, GATEWAY_SECRET: 'short-secret', DATABASE_URL: 'mysql://u:hunter2@db/x' },
        SERVICE_PRODUCTION_RULES,
      );
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/GATEWAY_SECRET: must be at least 32 characters/);
    expect(message).toMatch(/mysql:\/\/u:\*\*\*@db\/x/);
    expect(message).not.toMatch(/short-secret|hunter2/);
  });
});
