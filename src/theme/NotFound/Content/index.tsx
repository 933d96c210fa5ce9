/** The 404 page: what happened, in the edition's words, and the ways back into the essay. */
import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import type { Props } from '@theme/NotFound/Content';
import clsx from 'clsx';
import type { ReactNode } from 'react';

export default function NotFoundContent({ className }: Props): ReactNode {
  return (
    <main className={clsx('container margin-vert--xl', className)}>
      <div className="row">
        {/* `markdown`: links in its text are underlined, as in the essay's. */}
        <div className="col col--6 col--offset-3 markdown">
          <Heading as="h1">This page is not part of the edition</Heading>
          <p>
            The address may be mistyped, or the page may have been renamed. Nothing of the essay has
            been removed.
          </p>
          <p>
            Start again from the <Link to="/">introduction</Link>, look a source up in the{' '}
            <Link to="/bibliography">bibliography</Link>, follow the events on the{' '}
            <Link to="/timeline">timeline</Link>, or <Link to="/search">search the essay</Link>.
          </p>
        </div>
      </div>
    </main>
  );
}
