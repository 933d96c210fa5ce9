/**
 * The rest of the reader's style choice (see src/clientModules/citationStyle.ts): every style
 * menu shows the choice, and the reference lists are in its order in the DOM too.
 */
import { STYLE_SELECT as SELECT } from '../citationStyle';

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

/** Shows the page as the reader's style has it: the selects' value, the lists' order. */
export function applyToPage(): void {
  syncSelects();
  reorderLists();
}
