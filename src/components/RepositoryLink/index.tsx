/**
 * A link to the edition's repository, whose address is a setting (`customFields.repositoryUrl`
 * in docusaurus.config.ts), not something a page spells out. Without the setting the build
 * stops here, rather than publish a link that leads nowhere.
 */
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type { ReactNode } from 'react';

export default function RepositoryLink({ children }: { children: ReactNode }): ReactNode {
  const url = useDocusaurusContext().siteConfig.customFields?.repositoryUrl;
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) {
    throw new Error(
      `customFields.repositoryUrl in docusaurus.config.ts must be the repository's http(s) address; got ${JSON.stringify(url)}`,
    );
  }
  return <Link href={url}>{children}</Link>;
}
