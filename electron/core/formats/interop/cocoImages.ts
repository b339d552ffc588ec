/**
 * Where the images a COCO file names are on disk.
 *
 * A dataset names each image by `file_name`, which may hold a sub-folder (`image/1.jpeg`, as
 * PaddleLabel writes) or a path from another machine. Tried in order, each also ignoring letter
 * case (as Windows and macOS would find the file):
 *   1. the images folder given (`--images`): by the file_name's path, then by name anywhere beneath it;
 *   2. the JSON's folder: by the file_name's path, then by name;
 *   3. the usual COCO layouts around an `annotations/` folder holding `instances_<subset>.json`:
 *      `../images/<subset>/`, `../<subset>/` (COCO 2017: val2017/), `../images/`.
 * Without an images folder nothing is searched recursively: the JSON may sit in a home folder.
 *
 * A results list names images by id only; with an images folder, a file whose name is the id
 * (`42.jpg`) or ends in it after a separator (`COCO_val2014_000000000042.jpg`) is its image.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { ImageFolder } from './imageFiles';

const isFile = async (path: string) => (await stat(path).catch(() => null))?.isFile() ?? false;

export class CocoImageFinder {
  private folder: Promise<ImageFolder> | null = null;
  private readonly listings = new Map<string, Promise<Map<string, string>>>();
  private byId: Promise<Map<string, string>> | null = null;
  private readonly places: string[];

  constructor(
    jsonPath: string,
    private readonly imagesDir?: string,
  ) {
    const dir = dirname(jsonPath);
    this.places = [dir];
    if (basename(dir).toLowerCase() === 'annotations') {
      const root = dirname(dir);
      const subset = /_([^_]+)\.json$/i.exec(basename(jsonPath))?.[1];
      if (subset) this.places.push(join(root, 'images', subset), join(root, subset));
      this.places.push(join(root, 'images'));
    }
  }

  /** Where the search went, for a warning. */
  get where(): string {
    return this.imagesDir ?? 'the folder of the COCO file';
  }

  /** The image a dataset's `file_name` names (`name` is its own file name), or null. */
  async find(fileName: string, name: string): Promise<string | null> {
    const relative = fileName.replace(/\\/g, '/').replace(/^\/+/, '');
    if (this.imagesDir) {
      const found = (await this.inFolder(this.imagesDir, relative)) ?? (await this.index().then((f) => f.find(name)));
      if (found) return found;
    }
    for (const place of this.places) {
      const found = (await this.inFolder(place, relative)) ?? (await this.inFolder(place, name));
      if (found) return found;
    }
    return null;
  }

  /** The image of a results list's image_id, found in the images folder by name; null without one. */
  async findById(id: string | number): Promise<string | null> {
    if (!this.imagesDir) return null;
    this.byId ??= this.idIndex(this.imagesDir);
    return (await this.byId).get(String(id)) ?? null;
  }

  private index(): Promise<ImageFolder> {
    return (this.folder ??= ImageFolder.open(this.imagesDir!));
  }

  /** `dir/relative`, or a file in that folder with the same name in other letter case. */
  private async inFolder(dir: string, relative: string): Promise<string | null> {
    const exact = join(dir, relative);
    if (await isFile(exact)) return exact;
    const folder = dirname(exact);
    let listing = this.listings.get(folder);
    if (!listing) {
      listing = readdir(folder)
        .then((names) => new Map(names.sort().map((n) => [n.toLowerCase(), join(folder, n)] as const).reverse()))
        .catch(() => new Map<string, string>());
      this.listings.set(folder, listing);
    }
    const found = (await listing).get(basename(exact).toLowerCase());
    return found && (await isFile(found)) ? found : null;
  }

  private async idIndex(dir: string): Promise<Map<string, string>> {
    const entries = (await readdir(dir, { recursive: true }).catch(() => [] as string[])).map(String).sort();
    const byId = new Map<string, string>();
    for (const rel of entries) {
      const stem = basename(rel, extname(rel));
      if (stem.startsWith('.')) continue;
      const digits = /(?:^|[^0-9])0*([0-9]+)$/.exec(stem)?.[1] ?? null;
      for (const key of new Set([stem, ...(digits !== null ? [digits] : [])])) if (!byId.has(key)) byId.set(key, join(dir, rel));
    }
    return byId;
  }
}
