/**
 * Wraps a document's References heading and list (both added by the remark plugin): in the
 * print edition, where one list at the end holds every document's references, it renders
 * nothing.
 */
import type { ReactNode } from 'react';

import { useCitationScope } from '../../plugin/client';

export default function CitationReferencesSection({
  children,
}: {
  children?: ReactNode;
}): ReactNode {
  return useCitationScope().combined ? null : children;
}
