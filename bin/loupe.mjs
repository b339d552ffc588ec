#!/usr/bin/env node
// The `loupe` CLI runs the TypeScript core directly through tsx, so it needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/core/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
