/**
 * Fixed names in the pack layout (format v1). The rows file depends on the kind: see ROWS_FILE in
 * shared/pack/manifest.ts.
 */
export const MANIFEST_FILE = 'manifest.json';
export const GUIDELINES_FILE = 'guidelines.md';
/** Prefix of every asset path (images), as tasks' data.image names them. */
export const ASSETS_DIR = 'assets/';
