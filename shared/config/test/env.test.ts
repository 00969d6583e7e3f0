import { EnvError, parseEnv, serviceEnvSchema } from '../src';

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
