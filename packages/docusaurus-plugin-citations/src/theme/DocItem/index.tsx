/**
 * Wraps the docs theme's DocItem: reads the `citationMeta` each document exports (see
 * src/remark/pageMeta.ts), writes its Highwire tags and schema.org JSON-LD into the head, and
 * makes it available to the footer's "Cite this" box. A page whose table of contents would hold
 * a single entry (a chapter's "References") gets none: it guides nowhere and takes a column.
 */
import Head from '@docusaurus/Head';
import type { WrapperProps } from '@docusaurus/types';
import DocItem from '@theme-init/DocItem';
import type DocItemType from '@theme/DocItem';
import { createElement, useMemo, type ReactNode } from 'react';

import { scriptJson } from '../../citations/safety';
import { CitationDeferredContext, CitationMetaContext } from '../../plugin/client';
import type { DeferredLoader } from '../../plugin/deferred';
import type { CitationMeta } from '../../plugin/types';

type Props = WrapperProps<typeof DocItemType>;
type Content = Props['content'];

/** The same document, with `hide_table_of_contents` when its contents list one entry or none. */
function withoutLoneContents(content: Content): Content {
  if (content.toc.length > 1 || content.frontMatter.hide_table_of_contents) return content;
  const Document = (props: object) => createElement(content, props);
  return Object.assign(Document, content, {
    frontMatter: { ...content.frontMatter, hide_table_of_contents: true },
  });
}

export default function DocItemWrapper(props: Props): ReactNode {
  const { citationMeta: meta, citationDeferred } = props.content as {
    citationMeta?: CitationMeta;
    citationDeferred?: DeferredLoader;
  };
  const content = useMemo(() => withoutLoneContents(props.content), [props.content]);
  return (
    <CitationMetaContext.Provider value={meta}>
      <CitationDeferredContext.Provider value={citationDeferred}>
        {meta && (
          <Head>
            {meta.highwire.map(([name, content], i) => (
              <meta key={`${name}-${i}`} name={name} content={content} />
            ))}
            {/* Head writes a script's text as it is: scriptJson keeps every value inside it. */}
            <script type="application/ld+json">{scriptJson(meta.jsonLd)}</script>
          </Head>
        )}
        <DocItem {...props} content={content} />
      </CitationDeferredContext.Provider>
    </CitationMetaContext.Provider>
  );
}
