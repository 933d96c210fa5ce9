/**
 * The phone menu's items, as on a laptop's navbar, with the essay's chapters (the docs sidebar,
 * which Docusaurus would show on a panel of its own) under the "Essay" item.
 */
import { useThemeConfig } from '@docusaurus/theme-common';
import { useNavbarMobileSidebar, useNavbarSecondaryMenu } from '@docusaurus/theme-common/internal';
import NavbarItem, { type Props as NavbarItemProps } from '@theme/NavbarItem';
import { Fragment, type ReactNode } from 'react';

export default function NavbarMobilePrimaryMenu(): ReactNode {
  const mobileSidebar = useNavbarMobileSidebar();
  const items = useThemeConfig().navbar.items as NavbarItemProps[];
  // Set by the docs sidebar on the essay's pages; empty elsewhere.
  const chapters = useNavbarSecondaryMenu().content;
  return (
    <ul className="menu__list">
      {items.map((item, i) => (
        <Fragment key={i}>
          <NavbarItem mobile {...item} onClick={() => mobileSidebar.toggle()} />
          {item.type === 'docSidebar' && chapters && (
            <li className="menu__list-item">{chapters}</li>
          )}
        </Fragment>
      ))}
    </ul>
  );
}
