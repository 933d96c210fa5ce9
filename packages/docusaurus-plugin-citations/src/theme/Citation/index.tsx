/**
 * One citation in the text: an anchor that back-links return to, then the citation in every
 * style the reader may choose (the page shows the chosen one; see the plugin's style CSS).
 */
import MDXA from '@theme/MDXComponents/A';
import CitationFormatted from '@theme/CitationFormatted';
import type { ReactNode } from 'react';

import type { ClusterData } from '../../citations/render';
import { useCitationScope } from '../../plugin/client';

/** The cluster's data; in a heading, where the remark plugin leaves text, as JSON. */
export type Props = ClusterData | { json: string };

export default function Citation(props: Props): ReactNode {
  const { id, keys, variants } = 'json' in props ? (JSON.parse(props.json) as ClusterData) : props;
  const { idPrefix } = useCitationScope();
  const several = variants.length > 1;
  return (
    <span className="citation" data-cites={keys.join(' ')}>
      {/* Through MDX's link, so that the anchor is registered and clears the sticky navbar. */}
      <MDXA id={idPrefix + id} className="citation-anchor" />
      {variants.map((v) =>
        several ? (
          <span key={v.style} className="citation-variant" data-style={v.style}>
            <CitationFormatted nodes={v.content} />
          </span>
        ) : (
          <CitationFormatted key={v.style} nodes={v.content} />
        ),
      )}
    </span>
  );
}
