import fs from 'node:fs';
import path from 'node:path';

import { ROOT } from './paths';

/** The essay's pages in reading order, as the edition promises them. */
export const PAGES = [
  {
    path: '/',
    source: 'docs/index.mdx',
    title: 'TikTok, WeChat and the growing digital divide between the U.S. and China',
  },
  { path: '/great-firewall', source: 'docs/great-firewall.mdx', title: 'The Great Firewall' },
  { path: '/google', source: 'docs/google.mdx', title: 'Google in China' },
  { path: '/wechat', source: 'docs/wechat.mdx', title: 'WeChat and a shifting dynamic' },
  { path: '/bytedance', source: 'docs/bytedance.mdx', title: 'ByteDance and TikTok' },
  { path: '/bans', source: 'docs/bans.mdx', title: 'The bans and the widening divide' },
  { path: '/about', source: 'docs/about.mdx', title: 'About this edition' },
] as const;

export const CHAPTERS = PAGES.filter((p) => p.path !== '/about');

/** A front matter field of a page, read from its source file. */
export function frontMatterField(source: string, field: string): string | undefined {
  const text = fs.readFileSync(path.join(ROOT, source), 'utf8');
  const block = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return new RegExp(`^${field}:\\s*(.+)$`, 'm').exec(block)?.[1]?.trim();
}
