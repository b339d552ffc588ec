/**
 * Pack I/O (format v1): reading and checking `.loupe` files and pack folders, writing them
 * deterministically, and the hashes that identify packs and tasks. Plain Node; no Electron.
 * docs/pack-format.md describes the format.
 */
export { readPack, type LoadedPack, type LoadedAsset, type ReadPackOptions } from './readPack';
export { writePack, writePackDirectory, buildPack, type PackInput, type BuiltPack, type WrittenPack } from './writePack';
export { sha256Hex, taskHash, taskLineHash } from './hash';
export { DEFAULT_LIMITS, resolveLimits, type PackLimits } from './limits';
export { checkImage, IMAGE_EXTENSIONS, type ImageInfo, type ImageMime } from './images';
export { openPackContainer, entryNameProblem, type PackContainer, type PackEntry } from './container';
export { RowChecker, type PackRows } from './rows';
export { MANIFEST_FILE, GUIDELINES_FILE, ASSETS_DIR } from './layout';
