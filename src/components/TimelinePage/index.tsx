/**
 * /timeline: the dated events the essay describes, in order, each linked to the passage of the
 * chapter that tells it, with its sources cited by the same engine as the chapters.
 */
import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

import type { TimelinePageData } from '../../plugins/citations/types';
import Hast from '../Hast';
import StyleSwitcher from '../StyleSwitcher';
import styles from './styles.module.css';

export default function TimelinePage({ data }: { data: TimelinePageData }): ReactNode {
  const description = `${data.events.length} events from the essay, 2000–2020, each linked to the chapter that tells it.`;
  return (
    <Layout title="Timeline" description={description}>
      <main className="container margin-vert--lg">
        <Heading as="h1">Timeline</Heading>
        <p>{description}</p>
        <ol className={styles.timeline}>
          {data.events.map((event) => (
            <li key={event.id} id={event.id} className={styles.event}>
              <time dateTime={event.date} className={styles.date}>
                {event.dateLabel}
              </time>
              <div className={styles.body}>
                <p className={styles.title}>
                  {event.title}
                  {event.citation && (
                    <>
                      {' '}
                      <Hast nodes={[event.citation]} />
                    </>
                  )}
                </p>
                <Link to={event.href} className={styles.passage}>
                  Read the passage in “{event.chapterTitle}”
                </Link>
              </div>
            </li>
          ))}
        </ol>
        {data.references && (
          <section aria-labelledby="references">
            <Heading as="h2" id="references">
              References
            </Heading>
            {data.styles.length > 1 && <StyleSwitcher styles={data.styles} />}
            <Hast nodes={[data.references]} />
          </section>
        )}
      </main>
    </Layout>
  );
}
