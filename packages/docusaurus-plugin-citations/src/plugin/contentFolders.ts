/**
 * The folders a site's docs and blog plugins read, as its config writes them: for what must
 * know the site's documents before Docusaurus has loaded them (the `cite` command, which runs
 * without Docusaurus, and a page's meta description on a first build; see frontMatter.ts).
 */

/** The parts of a Docusaurus config read here. */
export interface SiteConfig {
  plugins?: readonly unknown[];
  presets?: readonly unknown[];
}

const PRESETS = ['classic', '@docusaurus/preset-classic', 'docusaurus-preset-classic'];
const CONTENT_PLUGINS: Record<string, 'docs' | 'blog'> = {
  'content-docs': 'docs',
  '@docusaurus/plugin-content-docs': 'docs',
  'content-blog': 'blog',
  '@docusaurus/plugin-content-blog': 'blog',
};

/**
 * The folders the site's docs and blog plugins read (their `path` option, or its default), as
 * the config writes them, relative to the site.
 */
export function contentFolders(config: SiteConfig): string[] {
  const folders: string[] = [];
  const entry = (e: unknown) => (Array.isArray(e) ? (e as unknown[]) : [e]);
  for (const [name, options] of (config.presets ?? []).map(entry)) {
    if (!PRESETS.includes(String(name))) continue;
    const { docs, blog } = (options ?? {}) as Record<string, { path?: string } | false>;
    if (docs !== false) folders.push(docs?.path ?? 'docs');
    if (blog !== false) folders.push(blog?.path ?? 'blog');
  }
  for (const [name, options] of (config.plugins ?? []).map(entry)) {
    const kind = CONTENT_PLUGINS[String(name)];
    if (kind) folders.push((options as { path?: string } | undefined)?.path ?? kind);
  }
  // No config (or none that names a content plugin): the content plugins' own default folders.
  return folders.length > 0 ? [...new Set(folders)] : ['docs', 'blog'];
}
