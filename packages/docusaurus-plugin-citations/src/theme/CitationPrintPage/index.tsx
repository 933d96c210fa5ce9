/**
 * The print edition: every document of the site's docs, in reading order, on one page, each as
 * Docusaurus compiled it for its own page (same MDX module, same remark plugins), then one list
 * of all the works they cite. Within a document every id, and every link to one on the page, is
 * prefixed with the document's name, so that the documents' headings, footnotes, citations and
 * passages cannot collide; its headings move one level down under its title; its own reference
 * list gives way to the one at the end, which its citations link to.
 */
import { MDXProvider } from '@mdx-js/react';
import CitationEntry from '@theme/CitationEntry';
import CitationStyleSwitcher from '@theme/CitationStyleSwitcher';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import MDXComponents from '@theme/MDXComponents';
import MDXContent from '@theme/MDXContent';
import { useMemo, type ComponentProps, type ComponentType, type ReactNode } from 'react';

import { CitationScopeContext } from '../../plugin/client';
import type { PrintPageData } from '../../plugin/types';

type Props = Record<string, unknown> & { id?: string; href?: string };
type Tag = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

/** The MDX components of one document in the print edition: ids prefixed, headings shifted. */
function scopedComponents(prefix: string): Record<string, ComponentType<Props>> {
  const scoped = (props: Props): Props => ({
    ...props,
    ...(typeof props.id === 'string' ? { id: prefix + props.id } : {}),
    ...(typeof props.href === 'string' && props.href.startsWith('#')
      ? { href: `#${prefix}${props.href.slice(1)}` }
      : {}),
    ...(typeof props['aria-describedby'] === 'string'
      ? { 'aria-describedby': prefix + props['aria-describedby'] }
      : {}),
  });
  const components: Record<string, ComponentType<Props>> = {};
  for (const tag of ['a', 'li', 'sup', 'section'] as const) {
    const Original = (MDXComponents as Record<string, ComponentType<Props>>)[tag] ?? tag;
    components[tag] = (props) => <Original {...scoped(props)} />;
  }
  (['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).forEach((tag, level) => {
    const shifted = `h${Math.min(6, level + 2)}` as Tag;
    components[tag] = (props) => (
      <Heading {...(scoped(props) as unknown as ComponentProps<typeof Heading>)} as={shifted} />
    );
  });
  return components;
}

function Chapter({
  name,
  title,
  permalink,
  Content,
}: PrintPageData['chapters'][number] & { Content: ComponentType }): ReactNode {
  const prefix = `${name}-`;
  const scope = useMemo(() => ({ idPrefix: prefix, combined: true }), [prefix]);
  const components = useMemo(() => scopedComponents(prefix), [prefix]);
  return (
    <CitationScopeContext.Provider value={scope}>
      <Heading as="h2" id={name} className="print-chapter" data-permalink={permalink}>
        {title}
      </Heading>
      <MDXProvider components={components}>
        <Content />
      </MDXProvider>
    </CitationScopeContext.Provider>
  );
}

export interface PrintPageProps {
  data: PrintPageData;
  /** The documents' compiled MDX, in the order of `data.chapters`. */
  chapters: { content: ComponentType }[];
}

export default function CitationPrintPage({ data, chapters }: PrintPageProps): ReactNode {
  const several = data.styles.length > 1;
  const { subtitle, original, edition } = data.titlePage;
  return (
    <Layout title={data.title} description={data.description}>
      <main className="container margin-vert--lg print-edition">
        <article className="markdown">
          {/* On paper, the first page. */}
          <header className="print-title-page">
            <h1>{data.title}</h1>
            {subtitle && <p className="essay-subtitle">{subtitle}</p>}
            {original && (
              <p className="print-title-page__publication">
                First published by {original.publisher} on {original.date}:
                <br />
                <a href={original.url}>{original.url}</a>
              </p>
            )}
            {edition && (
              <p className="print-title-page__publication">
                This edition: {edition.title}, {edition.date}:
                <br />
                <a href={edition.url}>{edition.url}</a>
              </p>
            )}
          </header>
          <p className="print-edition__note">{data.note}</p>
          <MDXContent>
            {data.chapters.map((chapter, i) => (
              <Chapter key={chapter.name} {...chapter} Content={chapters[i]!.content} />
            ))}
          </MDXContent>
          {data.entries.length > 0 && (
            <>
              <Heading as="h2" id="references">
                {data.referencesTitle}
              </Heading>
              {several && <CitationStyleSwitcher styles={data.styles} />}
              <ul
                className="references csl-bib-body"
                data-default-style={several ? data.styles[0]!.id : undefined}
              >
                {data.entries.map((entry) => (
                  <CitationEntry key={entry.key} entry={entry} />
                ))}
              </ul>
            </>
          )}
        </article>
      </main>
    </Layout>
  );
}
