/**
 * What the KPI panel costs a HubSpot page in script: the content script the manifest injects on
 * HubSpot's CRM pages (the only extension JS there before the panel frame loads), and the panel
 * page's own JS (the module script and the module preloads of `hubspot-panel.html`), which loads in
 * the frame on company records only. Sizes are gzip (zlib's default level 6), as a server or a
 * CDN would send them; the extension itself ships them uncompressed in its package.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_TARGET_BYTES = 60 * 1024;

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface Sizes {
  /** Every content script the manifest injects on a HubSpot company record URL. */
  contentScripts: FileSize[];
  panelJs: FileSize[];
  panelCss: FileSize[];
}

const sizeOf = (root: string, file: string): FileSize => {
  const data = readFileSync(join(root, file));
  return { file, bytes: data.length, gzip: gzipSync(data).length };
};

export function measureSizes(root: string): Sizes {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { content_scripts?: { matches: string[]; js?: string[] }[] };
  const onHubSpot = (manifest.content_scripts ?? []).filter((entry) => entry.matches.some((match) => match.startsWith('https://app.hubspot.com/')));
  const contentScripts = [...new Set(onHubSpot.flatMap((entry) => entry.js ?? []))].map((file) => sizeOf(root, file));
  const html = readFileSync(join(root, 'hubspot-panel.html'), 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const local = (path: string | undefined): path is string => !!path && !/^[a-z]+:/.test(path);
  const js = tags.flatMap((tag) => {
    const path = tag.startsWith('<script') ? attr(tag, 'src') : /\brel="modulepreload"/.test(tag) ? attr(tag, 'href') : undefined;
    return local(path) ? [path.replace(/^\//, '')] : [];
  });
  const css = tags.flatMap((tag) => {
    const path = tag.startsWith('<link') && /\brel="stylesheet"/.test(tag) ? attr(tag, 'href') : undefined;
    return local(path) ? [path.replace(/^\//, '')] : [];
  });
  return { contentScripts, panelJs: js.map((file) => sizeOf(root, file)), panelCss: css.map((file) => sizeOf(root, file)) };
}
