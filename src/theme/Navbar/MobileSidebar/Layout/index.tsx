/**
 * The phone menu in one panel. Docusaurus opens it on the essay's chapters (its "secondary
 * menu") with Bibliography, Timeline and About behind "← Back to main menu"; here the chapters
 * are listed under "Essay", among the rest of the site (see ../PrimaryMenu).
 */
import { ThemeClassNames } from '@docusaurus/theme-common';
import type { Props } from '@theme/Navbar/MobileSidebar/Layout';
import clsx from 'clsx';
import type { ReactNode } from 'react';

export default function NavbarMobileSidebarLayout({ header, primaryMenu }: Props): ReactNode {
  return (
    <div className={clsx(ThemeClassNames.layout.navbar.mobileSidebar.container, 'navbar-sidebar')}>
      {header}
      <div className="navbar-sidebar__items">
        <div
          className={clsx(
            ThemeClassNames.layout.navbar.mobileSidebar.panel,
            'navbar-sidebar__item menu',
          )}
        >
          {primaryMenu}
        </div>
      </div>
    </div>
  );
}
