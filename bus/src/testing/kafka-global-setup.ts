import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import type { TestProject } from 'vitest/node';
import './kafka-context';

const kafkaDev = fileURLToPath(new URL('../../kafka/kafka-dev.mjs', import.meta.url));

async function reachable(brokers: string): Promise<boolean> {
  const admin = new Kafka({
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 2 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect();
  }
}

function runKafkaDev(mode: '--detach' | '--stop') {
  return spawnSync(process.execPath, [kafkaDev, mode], { encoding: 'utf8', timeout: 240_000 });
}

/**
 * A real Kafka broker for the Kafka suites: KAFKA_BROKERS when set, otherwise one started with
 * bus/kafka/kafka-dev.mjs (and stopped again after the run if this setup started it). With
 * REQUIRE_KAFKA=1 (CI) a missing broker fails the run instead of skipping the Kafka suites.
 */
export default async function setup(project: TestProject) {
  let brokers = process.env.KAFKA_BROKERS ?? '';
  let problem = '';
  let startedHere = false;
  if (brokers) {
    if (!(await reachable(brokers))) problem = `KAFKA_BROKERS=${brokers}: no Kafka broker answers there`;
  } else {
    const run = runKafkaDev('--detach');
    brokers = /^KAFKA_BROKERS=(.+)$/m.exec(run.stdout ?? '')?.[1]?.trim() ?? '';
    if (run.status !== 0 || !brokers)
      problem = `bus/kafka/kafka-dev.mjs --detach could not start Kafka: ${run.stderr || run.error?.message}`;
    startedHere = !/already running/.test(run.stderr ?? '');
  }
  if (problem && process.env.REQUIRE_KAFKA === '1')
    throw new Error(
      `${problem}\nREQUIRE_KAFKA=1: the Kafka suites must run; start a broker or unset REQUIRE_KAFKA.`,
    );
  project.provide('kafkaBrokers', problem ? '' : brokers);
  project.provide('kafkaProblem', problem);
  return () => {
    if (startedHere && !problem) runKafkaDev('--stop');
  };
}
