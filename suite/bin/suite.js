#!/usr/bin/env node
// Operators' entry point. Sources are TypeScript run in place through tsx; there is no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
await runCli(process.argv);
