/**
 * Wraps Docusaurus's DocItem: reads the `citationMeta` each MDX document exports (see
 * src/remark/pageMeta.ts), writes its Highwire tags and schema.org JSON-LD into the head, and
 * makes it available to the footer's "Cite this" box.
 */
import Head from '@docusaurus/Head';
import type { WrapperProps } from '@docusaurus/types';
import DocItem from '@theme-original/DocItem';
import type DocItemType from '@theme/DocItem';
import type { ReactNode } from 'react';

import { scriptJson } from '../../citations/safety';
import { CitationMetaContext } from '../../components/CitationMetaContext';
import type { CitationMeta } from '../../plugins/citations/types';

type Props = WrapperProps<typeof DocItemType>;

export default function DocItemWrapper(props: Props): ReactNode {
  const meta = (props.content as { citationMeta?: CitationMeta }).citationMeta;
  return (
    <CitationMetaContext.Provider value={meta}>
      {meta && (
        <Head>
          {meta.highwire.map(([name, content], i) => (
            <meta key={`${name}-${i}`} name={name} content={content} />
          ))}
          {/* Head writes a script's text as it is: scriptJson keeps every value inside it. */}
          <script type="application/ld+json">{scriptJson(meta.jsonLd)}</script>
        </Head>
      )}
      <DocItem {...props} />
    </CitationMetaContext.Provider>
  );
}
