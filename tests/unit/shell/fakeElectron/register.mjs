/**
 * `node --import ./register.mjs ...` makes `import ... from 'electron'` load electron.mjs (the
 * fake) instead of the real package, whose entry only tells where the Electron binary is.
 *
 * This file is both the registration (on the main thread) and the resolve hook (Node runs module
 * hooks on their own thread, where it loads this file again and only the export matters).
 */
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const FAKE_ELECTRON = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: FAKE_ELECTRON, shortCircuit: true };
  return nextResolve(specifier, context);
}

if (isMainThread) register(import.meta.url);
