/** Types for scripts/electron-sqlite-lib.mjs (the project does not type-check JavaScript). */
export interface Target {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}
export interface Stamp extends Target {
  format: number;
}
export const STAMP_FORMAT: number;
export const BUILD_INPUTS: string[];
export const ELECTRON_HEADERS_URL: string;
export function makeStamp(target: Target): Stamp;
export function parseStamp(text: string | null | undefined): Stamp | null;
export function isUpToDate(input: { binaryExists: boolean; stampText: string | null | undefined; target: Target }): boolean;
export function electronArch(env: Record<string, string | undefined>, processArch: string): string;
export function prebuildInstallArgs(target: Target): string[];
export function nodeGypArgs(target: Target, devDir: string): string[];
export function buildEnv(env: Record<string, string | undefined>): Record<string, string>;
