import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { createLogger } from '@crm/config';
import { checkKafka, createKafka, ensureTopics } from '@crm/events';
import { cacheDir } from './paths';
import { isAlive, isPortOpen, sleep, terminate, waitFor } from './process-utils';

export const KAFKA_VERSION = '3.9.1';
const SCALA_VERSION = '2.13';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1';

export interface KafkaRuntimeOptions {
  /** Folder for data, config, logs and the pid file. */
  dir: string;
  port: number;
  controllerPort: number;
  heapMb?: number;
  /** Print progress lines (CLI use). */
  say?: (line: string) => void;
  /**
   * Stop the broker when the process with this pid ends, however it ends (test runs: a run
   * that is interrupted must not leave a broker holding its ports for the next one).
   */
  ownerPid?: number;
}

/** A detached shell that stops `pid` (SIGTERM, then SIGKILL) once `owner` no longer runs. */
function stopWhenGone(pid: number, owner: number): void {
  const script = [
    `while kill -0 ${owner} 2>/dev/null && kill -0 ${pid} 2>/dev/null; do sleep 1; done`,
    `kill -TERM ${pid} 2>/dev/null || exit 0`,
    `for i in $(seq 60); do kill -0 ${pid} 2>/dev/null || exit 0; sleep 0.5; done`,
    `kill -KILL ${pid} 2>/dev/null`,
  ].join('\n');
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

function pom(): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>crm.local</groupId><artifactId>kafka-runtime</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_${SCALA_VERSION}</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <!-- the broker's POM leaves out the logging backend it needs at start -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`;
}

/** Fetches the broker jars from Maven Central once; later runs (and clones) reuse the cache. */
export async function ensureKafkaJars(
  say: (line: string) => void = () => undefined,
): Promise<string> {
  const home = path.join(cacheDir, `kafka-${SCALA_VERSION}-${KAFKA_VERSION}`);
  const libs = path.join(home, 'libs');
  const marker = path.join(home, '.complete');
  if (existsSync(marker)) return libs;
  mkdirSync(home, { recursive: true });
  const lock = path.join(home, '.lock');
  let fd: number | undefined;
  for (let i = 0; i < 600 && fd === undefined; i++) {
    try {
      fd = openSync(lock, 'wx');
    } catch {
      if (existsSync(marker)) return libs;
      await sleep(500);
    }
  }
  try {
    if (existsSync(marker)) return libs;
    say(`fetching Kafka ${KAFKA_VERSION} jars from Maven Central (once)`);
    const staging = path.join(home, `libs.${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    writeFileSync(path.join(home, 'pom.xml'), pom());
    const result = spawnSync(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        path.join(home, 'pom.xml'),
        `${DEPENDENCY_PLUGIN}:copy-dependencies`,
        '-DincludeScope=runtime',
        `-DoutputDirectory=${staging}`,
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(
        `mvn could not fetch the Kafka jars (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
      );
    }
    rmSync(libs, { recursive: true, force: true });
    renameSync(staging, libs);
    writeFileSync(marker, new Date().toISOString());
    return libs;
  } finally {
    if (fd !== undefined) closeSync(fd);
    rmSync(lock, { force: true });
  }
}

/** A single-node KRaft broker (combined broker and controller) run from the cached jars. */
export class KafkaRuntime {
  private readonly say: (line: string) => void;
  constructor(private readonly options: KafkaRuntimeOptions) {
    this.say = options.say ?? (() => undefined);
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.options.port}`];
  }

  private get pidFile() {
    return path.join(this.options.dir, 'kafka.pid');
  }
  private get dataDir() {
    return path.join(this.options.dir, 'data');
  }
  private get logFile() {
    return path.join(this.options.dir, 'kafka.log');
  }

  pid(): number | undefined {
    if (!existsSync(this.pidFile)) return undefined;
    const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  }

  async isRunning(): Promise<boolean> {
    return this.pid() !== undefined && (await isPortOpen(this.options.port));
  }

  private writeConfig(): { properties: string; log4j: string } {
    const { dir, port, controllerPort } = this.options;
    const properties = path.join(dir, 'server.properties');
    const log4j = path.join(dir, 'log4j.properties');
    writeFileSync(
      properties,
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
        'controller.listener.names=CONTROLLER',
        `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        'inter.broker.listener.name=PLAINTEXT',
        `log.dirs=${this.dataDir}`,
        'num.partitions=3',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        // topics come from the project's topic list, so a misspelled topic fails loudly
        'auto.create.topics.enable=false',
        'log.retention.hours=168',
        '',
      ].join('\n'),
    );
    writeFileSync(
      log4j,
      [
        'log4j.rootLogger=WARN, stdout',
        'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
        'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
        'log4j.logger.kafka.server.KafkaRaftServer=INFO',
        'log4j.logger.kafka.server.BrokerServer=INFO',
        '',
      ].join('\n'),
    );
    return { properties, log4j };
  }

  /**
   * Starts the broker unless it already runs. `fresh` wipes earlier data first. Resolves when
   * the broker answers metadata requests; returns whether this call started it.
   */
  async start({ fresh = false } = {}): Promise<boolean> {
    if (await this.isRunning()) return false;
    const stale = this.pid();
    if (stale) await terminate(stale);
    if (await isPortOpen(this.options.port)) {
      throw new Error(
        `port ${this.options.port} is taken by another process; stop it or choose other Kafka ports`,
      );
    }
    const libs = await ensureKafkaJars(this.say);
    if (fresh) rmSync(this.options.dir, { recursive: true, force: true });
    mkdirSync(this.options.dir, { recursive: true });
    const { properties, log4j } = this.writeConfig();
    const classpath = `${libs}/*`;
    if (!existsSync(path.join(this.dataDir, 'meta.properties'))) {
      // Kafka's own Uuid.randomUuid() never starts with '-' (the storage tool's argument parser
      // would read it as an option): draw again, as it does (1 in 64 ids failed the format)
      let clusterId = randomBytes(16).toString('base64url');
      while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
      const format = spawnSync(
        'java',
        [
          '-cp',
          classpath,
          'kafka.tools.StorageTool',
          'format',
          '-t',
          clusterId,
          '-c',
          properties,
          '-g',
        ],
        {
          encoding: 'utf8',
        },
      );
      if (format.status !== 0)
        throw new Error(`formatting Kafka storage failed:\n${format.stdout}${format.stderr}`);
    }
    const heap = this.options.heapMb ?? 768;
    const out = openSync(this.logFile, 'a');
    const child = spawn(
      'java',
      [
        `-Xms256m`,
        `-Xmx${heap}m`,
        '-XX:+UseG1GC',
        '-XX:TieredStopAtLevel=1',
        '-cp',
        classpath,
        `-Dlog4j.configuration=file:${log4j}`,
        'kafka.Kafka',
        properties,
      ],
      { detached: true, stdio: ['ignore', out, out] },
    );
    closeSync(out);
    child.unref();
    if (!child.pid) throw new Error('could not start java');
    writeFileSync(this.pidFile, String(child.pid));
    if (this.options.ownerPid) stopWhenGone(child.pid, this.options.ownerPid);
    this.say(
      `starting Kafka ${KAFKA_VERSION} on 127.0.0.1:${this.options.port} (pid ${child.pid})`,
    );
    const pid = child.pid;
    await waitFor(
      `Kafka on port ${this.options.port} (log: ${this.logFile})`,
      async () => {
        if (!isAlive(pid))
          throw new Error(`Kafka exited during start; last log lines:\n${this.logTail()}`);
        return (await isPortOpen(this.options.port)) && this.answers();
      },
      90_000,
      500,
    );
    return true;
  }

  private async answers(): Promise<boolean> {
    try {
      await checkKafka(this.client());
      return true;
    } catch {
      return false;
    }
  }

  private client() {
    return createKafka({
      brokers: this.brokers,
      clientId: 'crm-infra',
      logger: createLogger('infra', 'silent'),
    });
  }

  /** Creates the project's topics that are missing. */
  ensureTopics(): Promise<string[]> {
    return ensureTopics(this.client());
  }

  logTail(lines = 30): string {
    if (!existsSync(this.logFile)) return '(no log)';
    return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** Controlled shutdown (SIGTERM); SIGKILL only if it does not stop in time. */
  async stop(): Promise<void> {
    const pid = this.pid();
    if (pid) await terminate(pid, 60_000);
    rmSync(this.pidFile, { force: true });
  }

  /** Crash: SIGKILL, no controlled shutdown (for tests of what survives a broker failure). */
  async kill(): Promise<void> {
    const pid = this.pid();
    if (pid) {
      process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await sleep(50);
    }
    rmSync(this.pidFile, { force: true });
  }
}
