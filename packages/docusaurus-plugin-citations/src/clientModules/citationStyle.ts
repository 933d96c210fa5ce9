/**
 * The reader's citation style. Every style is on the page already (rendered at build time,
 * marked `data-style`); choosing one sets `data-citation-style` on <html>, which CSS injected by
 * the citations plugin uses to show that style and to order the reference lists by it. The
 * choice is kept in localStorage and applied before the first paint by the same plugin.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

import { STYLE_STORAGE_KEY as STORAGE_KEY } from '../plugin/constants';

const SELECT = 'select.citation-style-select';

function current(select: HTMLSelectElement): string {
  return document.documentElement.dataset.citationStyle ?? select.options[0]?.value ?? '';
}

function syncSelects(): void {
  for (const select of Array.from(document.querySelectorAll<HTMLSelectElement>(SELECT))) {
    select.value = current(select);
  }
}

/**
 * Puts each reference list in the chosen style's order. CSS `order` already shows it so (also
 * before this script runs); moving the items makes screen readers and copy-paste follow too.
 */
function reorderLists(): void {
  for (const list of Array.from(
    document.querySelectorAll<HTMLElement>('ul.references[data-default-style]'),
  )) {
    const style = document.documentElement.dataset.citationStyle ?? list.dataset.defaultStyle!;
    const place = (li: HTMLElement) => Number(li.style.getPropertyValue(`--order-${style}`)) || 0;
    const items = Array.from(list.children) as HTMLElement[];
    const sorted = [...items].sort((a, b) => place(a) - place(b));
    if (sorted.some((li, i) => li !== items[i])) list.append(...sorted);
  }
}

function choose(select: HTMLSelectElement): void {
  const style = select.value;
  const isDefault = style === select.options[0]?.value;
  if (isDefault) delete document.documentElement.dataset.citationStyle;
  else document.documentElement.dataset.citationStyle = style;
  try {
    if (isDefault) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, style);
  } catch {
    // Storage may be off (private browsing); the choice then lasts for this page view.
  }
  syncSelects();
  reorderLists();
}

if (ExecutionEnvironment.canUseDOM) {
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement && event.target.matches(SELECT)) {
      choose(event.target);
    }
  });
}

export function onRouteDidUpdate(): void {
  syncSelects();
  reorderLists();
}
