/**
 * Static files of the dashboard (web/dist). The files are listed once (and again when a file is missing, at most
 * once per second, so a rebuild is picked up): a request can only ever get one of the listed files, so no path
 * — `..`, encoded slashes, backslashes, symlinks out of the folder — reaches anything else.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticFile { path: string; type: string; size: number; immutable: boolean }

export class StaticFiles {
  private files = new Map<string, StaticFile>();
  private listedAt = 0;
  constructor(private readonly rootPath: string) {
    this.list();
  }

  get available(): boolean { return this.files.has('/index.html'); }

  private list(): void {
    this.listedAt = Date.now();
    const files = new Map<string, StaticFile>();
    let root: string;
    try { root = realpathSync(this.rootPath); } catch { this.files = files; return; }
    const walk = (dir: string, depth: number) => {
      if (depth > 8) return;
      let names: string[];
      try { names = readdirSync(dir); } catch { return; }
      for (const name of names) {
        if (name.startsWith('.')) continue;
        const full = join(dir, name);
        let real: string;
        try { real = realpathSync(full); } catch { continue; }
        if (real !== root && !real.startsWith(root + sep)) continue; // a symlink out of the folder
        const st = statSync(real);
        if (st.isDirectory()) walk(full, depth + 1);
        else if (st.isFile() && TYPES[extname(name).toLowerCase()]) {
          const url = `/${relative(root, full).split(sep).join('/')}`;
          files.set(url, { path: real, type: TYPES[extname(name).toLowerCase()], size: st.size, immutable: url.startsWith('/assets/') });
        }
      }
    };
    walk(root, 0);
    this.files = files;
  }

  /** The file a URL path names, or undefined. `/` is index.html. */
  lookup(urlPath: string): StaticFile | undefined {
    const path = urlPath === '/' || urlPath === '' ? '/index.html' : urlPath;
    const hit = this.files.get(path);
    if (hit || Date.now() - this.listedAt < 1000) return hit;
    this.list();
    return this.files.get(path);
  }

  read(file: StaticFile): Buffer { return readFileSync(file.path); }
}
