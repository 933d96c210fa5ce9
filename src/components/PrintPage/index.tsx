/**
 * /print: the whole essay on one page (see src/plugins/print). It is laid out for reading and
 * for the printer: a title page, no sidebar, the chapters in order, one bibliography at the end.
 */
import Layout from '@theme/Layout';
import MDXContent from '@theme/MDXContent';
import type { ComponentType, ReactNode } from 'react';

import type { TitlePage } from '../../plugins/print';

/** The compiled print.mdx: a component with its front matter attached. */
type PrintContent = ComponentType & { frontMatter: { title: string } };

export default function PrintPage({
  content: Content,
  titlePage,
}: {
  content: PrintContent;
  titlePage: TitlePage;
}): ReactNode {
  const { title } = Content.frontMatter;
  const { subtitle, original, edition } = titlePage;
  return (
    <Layout
      title={title}
      description="The whole essay with its sources on one page, for reading offline or saving as PDF."
    >
      <main className="container margin-vert--lg print-edition">
        <article className="markdown">
          {/* On paper, the first page. */}
          <header className="print-title-page">
            <h1>{title}</h1>
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
          <p className="print-edition__note">
            This page holds the introduction and all five chapters, with one combined list of
            references. Use your browser’s Print command to print it or save it as a PDF.
          </p>
          <MDXContent>
            <Content />
          </MDXContent>
        </article>
      </main>
    </Layout>
  );
}
