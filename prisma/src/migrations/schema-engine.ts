import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { offlineAdapterFactory } from './offline-adapter';
import { pgMigrationAdapterFactory } from './pg-migration-adapter';

export type { SchemaEngine };

export interface SchemaEngineOptions {
  /** Database to migrate. Without it the engine runs offline and can only diff schema files. */
  databaseUrl?: string;
  /** Receives the engine's JSON log lines. */
  log?: (line: string) => void;
}

/** Node has WebAssembly; the project's lib setting (ES2023, no DOM) just does not declare it. */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmApi };

/**
 * The engine races its advisory lock against a 10 s sleep and never cancels the sleep, which kept
 * every process that applied migrations alive for 10 s. Its timers must not hold the event loop.
 */
function withUnrefTimers(): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...wasmBindings };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return imports;
}

/**
 * One instantiation per copy of the bindings module, even if this file is evaluated again (vitest
 * without isolation shares externalised packages): instantiating anew under live engines would let
 * their finalizers free pointers in the new instance.
 */
const LOADED = Symbol.for('@suite/db/schema-engine-wasm');
const registry = globalThis as { [LOADED]?: WeakMap<object, Promise<void>> };
registry[LOADED] ??= new WeakMap();
const loaded = registry[LOADED];

/**
 * Instantiates `schema_engine_bg.wasm` by hand: the package's entry point imports the .wasm file as
 * an ES module, which plain node, tsx and vitest only allow behind --experimental-wasm-modules.
 */
function loadWasm(): Promise<void> {
  let loading = loaded.get(wasmBindings.SchemaEngine);
  if (loading) return loading;
  loading = (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    // The wasm panic hook writes the Rust panic message here; Prisma's CLI installs the same object.
    const panics = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    panics.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message) {
        process.stderr.write(`schema engine panic: ${message}\n`);
      },
    };
    const { instance } = await wasm.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': withUnrefTimers(),
    });
    wasmBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  loaded.set(wasmBindings.SchemaEngine, loading);
  return loading;
}

export function schemaEngineVersion(): Promise<string> {
  return loadWasm().then(() => wasmBindings.version());
}

/**
 * Runs `fn` with a wasm schema engine and always frees it and ends its connection pools, so callers
 * (tests renaming the database afterwards, CLIs expected to exit) are left with nothing open.
 */
export async function withSchemaEngine<T>(
  options: SchemaEngineOptions,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const pg = options.databaseUrl ? pgMigrationAdapterFactory(options.databaseUrl) : undefined;
  const factory = bindMigrationAwareSqlAdapterFactory(pg ?? offlineAdapterFactory());
  const log = options.log ?? (() => {});
  let engine: SchemaEngine | undefined;
  try {
    engine = await wasmBindings.SchemaEngine.new(
      { datamodels: undefined },
      (line: string) => log(line),
      factory,
    );
    return await fn(engine);
  } finally {
    engine?.free();
    await pg?.disposeAll();
  }
}
