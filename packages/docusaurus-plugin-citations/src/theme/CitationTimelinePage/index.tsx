/**
 * The timeline: dated events, in order, each linked to the passage of the document that tells
 * it, with its sources cited by the same engine and components as the documents.
 */
import Link from '@docusaurus/Link';
import Citation from '@theme/Citation';
import CitationReferences from '@theme/CitationReferences';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { ReactNode } from 'react';

import type { TimelinePageData } from '../../plugin/types';
import styles from './styles.module.css';

function years(data: TimelinePageData): string {
  const first = data.events[0]?.date.slice(0, 4);
  const last = data.events.at(-1)?.date.slice(0, 4);
  return first === last ? `${first}` : `${first}–${last}`;
}

export interface Props {
  data: TimelinePageData;
}

export default function CitationTimelinePage({ data }: Props): ReactNode {
  const description = `${data.events.length} events from the ${data.terms.work}, ${years(data)}, each linked to the ${data.terms.part} that tells it.`;
  return (
    <Layout title={data.title} description={description}>
      <main className="container margin-vert--lg">
        <Heading as="h1">{data.title}</Heading>
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
                      <Citation {...event.citation} />
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
        {data.references.length > 0 && (
          <section aria-labelledby="references">
            <Heading as="h2" id="references">
              {data.referencesTitle}
            </Heading>
            <CitationReferences entries={data.references} styles={data.styles} downloads={[]} />
          </section>
        )}
      </main>
    </Layout>
  );
}
