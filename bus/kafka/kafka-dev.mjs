#!/usr/bin/env node
// Single-node Apache Kafka 3.9 (KRaft, broker+controller) on loopback, for development, tests and CI.
//
//   node bus/kafka/kafka-dev.mjs            run in the foreground (Ctrl-C / SIGTERM stops it)
//   node bus/kafka/kafka-dev.mjs --detach   start in the background, exit 0 once ready
//   node bus/kafka/kafka-dev.mjs --stop     stop the detached broker
//
// Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), KAFKA_DATA_DIR (<repo>/.data/kafka),
//      KAFKA_HEAP_OPTS (-Xmx512m -Xms128m), KAFKA_START_TIMEOUT_MS (120000).
// Stdout carries only the line KAFKA_BROKERS=127.0.0.1:<port>; everything else goes to stderr.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const pomFile = path.join(here, 'pom.xml');
const libDir = path.join(here, '.lib');
const dataDir = path.resolve(process.env.KAFKA_DATA_DIR ?? path.join(repoRoot, '.data/kafka'));
const port = Number(process.env.KAFKA_PORT ?? 9092);
const controllerPort = Number(process.env.KAFKA_CONTROLLER_PORT ?? port + 1);
const heapOpts = (process.env.KAFKA_HEAP_OPTS ?? '-Xmx512m -Xms128m').split(/\s+/).filter(Boolean);
const startTimeoutMs = Number(process.env.KAFKA_START_TIMEOUT_MS ?? 120_000);
const logDir = path.join(dataDir, 'kraft-logs');
const pidFile = path.join(dataDir, 'kafka.pid');
const propsFile = path.join(dataDir, 'server.properties');
const log4jFile = path.join(dataDir, 'log4j.properties');
const brokersLine = `KAFKA_BROKERS=${HOST}:${port}`;

const say = (msg) => process.stderr.write(`[kafka-dev] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin/java') : 'java';

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function runningPid() {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!(pid > 0) || !isAlive(pid)) return null;
  // A pid file left by a previous boot may name an unrelated process now; never signal that one.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka') ? pid : null;
  } catch {
    return pid; // no /proc (macOS): trust the pid file
  }
}

const INSTALL = {
  mvn: 'Maven: apt-get install maven (Debian/Ubuntu), brew install maven (macOS), or https://maven.apache.org',
  java: 'Java 17: apt-get install openjdk-17-jre-headless (Debian/Ubuntu), brew install openjdk@17 (macOS), or set JAVA_HOME',
};

/** A tool's failure as something to act on; a missing tool says what to install instead of empty output. */
function failed(what, tool, r) {
  if (r.error?.code === 'ENOENT')
    return new Error(
      `${what}: \`${tool}\` was not found on PATH. Install ${INSTALL[path.basename(tool)] ?? tool}, ` +
        'or point KAFKA_BROKERS at a broker you already run.',
    );
  return new Error(
    `${what} (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout ?? ''}${r.stderr ?? ''}`,
  );
}

function resolveJars() {
  const pomHash = createHash('sha256').update(readFileSync(pomFile)).digest('hex');
  const stamp = path.join(libDir, '.pom.sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === pomHash) return;
  say(`resolving broker jars with Maven into ${libDir}`);
  rmSync(libDir, { recursive: true, force: true });
  // Output is captured: Debian's Maven 3.8 prints stray colour codes even with -q -B.
  const r = spawnSync(
    'mvn',
    ['-q', '-B', '-f', pomFile, 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`],
    {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    },
  );
  if (r.status !== 0) throw failed('resolving the broker with Maven failed', 'mvn', r);
  // Written last so an interrupted resolve is retried on the next run.
  writeFileSync(stamp, `${pomHash}\n`);
}

function writeConfig() {
  mkdirSync(dataDir, { recursive: true });
  // Rewritten on every start so port/setting changes apply; the formatted log dir keeps the cluster id.
  const props = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${HOST}:${controllerPort}`,
    listeners: `PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${HOST}:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': 1,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    // Default 50 partitions each make the first consumer group / transaction noticeably slow to start.
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.num.partitions': 1,
    'group.initial.rebalance.delay.ms': 0,
  };
  writeFileSync(
    propsFile,
    `${Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`,
  );
  // Full log in the data dir; only warnings on the console so foreground output stays readable.
  writeFileSync(
    log4jFile,
    [
      'log4j.rootLogger=INFO, file, console',
      'log4j.appender.file=org.apache.log4j.FileAppender',
      `log4j.appender.file.File=${path.join(dataDir, 'server.log')}`,
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.appender.console=org.apache.log4j.ConsoleAppender',
      'log4j.appender.console.Target=System.err',
      'log4j.appender.console.Threshold=WARN',
      'log4j.appender.console.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.console.layout.ConversionPattern=[kafka] %p %m (%c)%n',
      'log4j.logger.state.change.logger=WARN',
      '',
    ].join('\n'),
  );
}

function javaArgs(mainClass, ...args) {
  return [
    ...heapOpts,
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${log4jFile}`,
    '-cp',
    `${libDir}/*`,
    mainClass,
    ...args,
  ];
}

function formatStorageOnce() {
  if (existsSync(path.join(logDir, 'meta.properties'))) return;
  let clusterId;
  // Kafka cluster ids are 16 random bytes in base64url; one starting with '-' would read as a CLI flag.
  do clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-'));
  say(`formatting ${logDir} (cluster id ${clusterId})`);
  const r = spawnSync(java, javaArgs('kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile), {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw failed('formatting the broker storage failed', java, r);
}

// A Metadata v0 request: true once the broker answers and lists itself, i.e. it is registered and unfenced.
function probe() {
  return new Promise((resolve) => {
    const clientId = Buffer.from('kafka-dev');
    const req = Buffer.alloc(18 + clientId.length);
    let o = req.writeInt32BE(req.length - 4, 0);
    o = req.writeInt16BE(3, o); // api key: Metadata
    o = req.writeInt16BE(0, o); // api version 0
    o = req.writeInt32BE(42, o); // correlation id
    o = req.writeInt16BE(clientId.length, o);
    o += clientId.copy(req, o);
    req.writeInt32BE(0, o); // no topics
    let buf = Buffer.alloc(0);
    const sock = net.connect({ host: HOST, port });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(2000, () => done(false));
    sock.on('error', () => done(false));
    sock.on('close', () => done(false));
    sock.on('connect', () => sock.write(req));
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 12) done(buf.readInt32BE(4) === 42 && buf.readInt32BE(8) > 0);
    });
  });
}

async function waitReady(child) {
  let exited = null;
  child.once('exit', (code, signal) => (exited = signal ?? code));
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null)
      throw new Error(`broker exited during startup (${exited}); see ${path.join(dataDir, 'server.log')}`);
    if (await probe()) return;
    await sleep(250);
  }
  throw new Error(`broker not ready after ${startTimeoutMs} ms; see ${path.join(dataDir, 'server.log')}`);
}

async function stop(pid) {
  process.kill(pid, 'SIGTERM');
  // A controlled shutdown takes a few seconds; only force it if it hangs.
  for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(200);
  if (isAlive(pid)) {
    say(`pid ${pid} ignored SIGTERM for 60s, killing it`);
    process.kill(pid, 'SIGKILL');
  }
}

async function main() {
  const mode = process.argv[2] ?? '';
  if (!['', '--detach', '--stop'].includes(mode)) {
    say('usage: kafka-dev.mjs [--detach | --stop]');
    process.exit(2);
  }

  const existing = runningPid();
  if (mode === '--stop') {
    if (existing) {
      await stop(existing);
      say(`stopped pid ${existing}`);
    } else say('not running');
    rmSync(pidFile, { force: true });
    return;
  }
  if (existing) {
    if (mode === '--detach' && (await probe())) {
      say(`already running (pid ${existing})`);
      console.log(brokersLine);
      return;
    }
    throw new Error(`a broker is already running from ${dataDir} (pid ${existing}); stop it with --stop`);
  }

  resolveJars();
  writeConfig();
  formatStorageOnce();

  const started = Date.now();
  const detach = mode === '--detach';
  const out = detach ? openSync(path.join(dataDir, 'console.log'), 'a') : 2;
  const child = spawn(java, javaArgs('kafka.Kafka', propsFile), {
    stdio: ['ignore', out, out],
    detached: detach,
  });
  writeFileSync(pidFile, `${child.pid}\n`);

  if (detach) {
    try {
      await waitReady(child);
    } catch (e) {
      if (isAlive(child.pid)) await stop(child.pid);
      rmSync(pidFile, { force: true });
      throw e;
    }
    say(`ready in ${Date.now() - started} ms (pid ${child.pid}, data ${dataDir})`);
    console.log(brokersLine);
    child.unref();
    return;
  }

  let signals = 0;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      // A second signal means the user does not want to wait for the controlled shutdown.
      child.kill(++signals > 1 ? 'SIGKILL' : 'SIGTERM');
    });
  }
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    await waitReady(child);
    say(`ready in ${Date.now() - started} ms (pid ${child.pid}, data ${dataDir})`);
    console.log(brokersLine);
  } catch (e) {
    say(e.message);
    if (isAlive(child.pid)) child.kill('SIGKILL');
  }
  const { code, signal } = await exit;
  rmSync(pidFile, { force: true });
  // The JVM exits 143 on SIGTERM; that is a clean stop we asked for.
  process.exit(signals > 0 ? 0 : (code ?? (signal ? 1 : 0)));
}

main().catch((e) => {
  say(e.message);
  process.exit(1);
});
