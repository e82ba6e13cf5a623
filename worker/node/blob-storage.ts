import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { BlobStorage, StoredBlob } from '../modules/tickets/storage.ts';

/**
 * Attachments in a local directory (Node): one file per key. Keys are made by the server and
 * never reused, so a write that finds the file already there fails rather than overwrite it;
 * a key that would leave the directory is refused.
 */
export class DirectoryStorage implements BlobStorage {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  #path(key: string): string {
    if (!/^[A-Za-z0-9_/-]+$/.test(key) || key.includes('..')) throw new Error(`bad storage key ${key}`);
    const path = resolve(join(this.#root, key));
    if (!path.startsWith(this.#root + sep)) throw new Error(`bad storage key ${key}`);
    return path;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes, { flag: 'wx' });
  }

  async get(key: string): Promise<StoredBlob | null> {
    const path = this.#path(key);
    try {
      const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
      return { body: new Uint8Array(bytes), size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }
}
