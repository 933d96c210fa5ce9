/**
 * /print: the whole essay on one page (see src/plugins/print). It is laid out for reading and
 * for the printer: no sidebar, the chapters in order, one bibliography at the end.
 */
import Layout from '@theme/Layout';
import MDXContent from '@theme/MDXContent';
import type { ComponentType, ReactNode } from 'react';

/** The compiled print.mdx: a component with its front matter attached. */
type PrintContent = ComponentType & { frontMatter: { title: string } };

export default function PrintPage({ content: Content }: { content: PrintContent }): ReactNode {
  const { title } = Content.frontMatter;
  return (
    <Layout
      title={title}
      description="The whole essay with its sources on one page, for reading offline or saving as PDF."
    >
      <main className="container margin-vert--lg print-edition">
        <article className="markdown">
          <h1>{title}</h1>
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
