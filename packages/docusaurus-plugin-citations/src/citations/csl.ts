/**
 * CSL data and the styles and locales that render it. citation-js keeps styles and locales in
 * global registries; we read from them but register anything new once per process, and check
 * names ourselves, because citeproc falls back to en-US without a word when a locale is missing.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { plugins, type Registry } from '@citation-js/core';
import '@citation-js/plugin-csl';

import { OptionsError } from './options';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslDate {
  'date-parts'?: (number | string)[][];
  raw?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  'citation-key'?: string;
  title?: string;
  author?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  DOI?: string;
  'container-title'?: string;
  publisher?: string;
  [field: string]: unknown;
}

export interface CslStyle {
  /** The name the option used: a bundled name or the .csl path as given. */
  name: string;
  xml: string;
  locale: string;
  localeXml: string;
}

interface CslConfig {
  styles: Registry<string>;
  locales: Registry<string>;
}

const cslConfig = plugins.config.get('@csl') as CslConfig;

export function listStyles(): string[] {
  return cslConfig.styles.list();
}

export function listLocales(): string[] {
  return cslConfig.locales.list();
}

function readXml(kind: string, file: string, root: string): string {
  let xml: string;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new OptionsError(`Cannot read the CSL ${kind} file ${JSON.stringify(file)}`, {
      cause: error,
    });
  }
  if (!new RegExp(`<${root}[\\s>]`).test(xml)) {
    throw new OptionsError(`The CSL ${kind} file ${JSON.stringify(file)} has no <${root}> element`);
  }
  return xml;
}

/** A CSL style as some npm packages ship it: the XML as a tree of {name, attrs, children}. */
interface XmlJson {
  name: string;
  attrs?: Record<string, string>;
  children?: (XmlJson | string)[];
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmlOf(node: XmlJson | string): string {
  if (typeof node === 'string') return escapeXml(node);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const children = (node.children ?? []).map(xmlOf).join('');
  return `<${node.name}${attrs}>${children}</${node.name}>`;
}

/** A style from an npm package (such as style-chicago), if `name` is one installed for the site. */
function styleFromPackage(name: string, siteDir: string): string | undefined {
  let value: unknown;
  try {
    value = createRequire(path.join(siteDir, 'package.json'))(name);
  } catch {
    return undefined;
  }
  const tree = (value as { default?: unknown }).default ?? value;
  if (typeof tree === 'string' && /<style[\s>]/.test(tree)) return tree;
  if (tree && typeof tree === 'object' && (tree as XmlJson).name === 'style') {
    return `<?xml version="1.0" encoding="utf-8"?>${xmlOf(tree as XmlJson)}`;
  }
  throw new OptionsError(`The npm package ${JSON.stringify(name)} does not export a CSL style`);
}

/** `xml:lang` of a locale file, so that a path can stand for the locale it defines. */
function localeNameOf(xml: string): string | undefined {
  return /<locale[^>]*\sxml:lang="([^"]+)"/.exec(xml)?.[1];
}

/**
 * Resolves the configured style and locale, from citation-js's bundled ones or from files
 * relative to `siteDir`. Unknown names are an error that lists what is available.
 */
export function loadStyle(style: string, locale: string, siteDir: string): CslStyle {
  let styleXml = cslConfig.styles.get(style);
  if (styleXml === undefined) {
    if (style.endsWith('.csl')) {
      styleXml = readXml('style', path.resolve(siteDir, style), 'style');
    } else {
      styleXml = styleFromPackage(style, siteDir);
    }
  }
  if (styleXml === undefined) {
    throw new OptionsError(
      `Unknown CSL style ${JSON.stringify(style)}; use one of ${listStyles()
        .map((s) => JSON.stringify(s))
        .join(', ')}, the path of a .csl file, or an installed npm package that exports a style.`,
    );
  }

  let localeName = locale;
  let localeXml = cslConfig.locales.get(locale);
  if (localeXml === undefined) {
    if (!locale.endsWith('.xml')) {
      throw new OptionsError(
        `Unknown CSL locale ${JSON.stringify(locale)}; use one of ${listLocales()
          .map((l) => JSON.stringify(l))
          .join(', ')}, or the path of a locales-xx-XX.xml file.`,
      );
    }
    localeXml = readXml('locale', path.resolve(siteDir, locale), 'locale');
    const declared = localeNameOf(localeXml);
    if (!declared) {
      throw new OptionsError(`The CSL locale file ${JSON.stringify(locale)} has no xml:lang`);
    }
    localeName = declared;
  }
  return { name: style, xml: styleXml, locale: localeName, localeXml };
}

/** The locale XML citeproc asks for: ours for the configured locale, bundled ones otherwise. */
export function retrieveLocale(style: CslStyle, lang: string): string | undefined {
  if (lang === style.locale) return style.localeXml;
  return cslConfig.locales.get(lang) ?? cslConfig.locales.get(lang.replace('-', '_'));
}
