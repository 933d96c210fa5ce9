/**
 * The reader's citation style. Every style is on the page already (rendered at build time,
 * marked `data-style`); choosing one sets `data-citation-style` on <html>, which CSS injected by
 * the citations plugin uses to show that style and to order the reference lists by it. The
 * choice is kept in localStorage and applied before the first paint by the same plugin.
 *
 * That much happens here, at once. Moving the list items into the chosen order (for screen
 * readers) and setting the other style menus is in ./lazy/citationStyle.ts, loaded only when a
 * reader picks a style or a page opens with one chosen before: with the default style, pages
 * are right as built.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

export const STYLE_SELECT = 'select.citation-style-select';

// Kept in step with STYLE_STORAGE_KEY in src/plugins/citations (a browser module cannot
// import the plugin, which is Node code).
const STORAGE_KEY = 'digital-divide-citation-style';

const applyToPage = () => import('./lazy/citationStyle').then((style) => style.applyToPage());

function choose(select: HTMLSelectElement): void {
  const style = select.value;
  const isDefault = style === select.options[0]?.value;
  const html = document.documentElement;
  if (isDefault) delete html.dataset.citationStyle;
  else html.dataset.citationStyle = style;
  try {
    if (isDefault) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, style);
  } catch {
    // Storage may be off (private browsing); the choice then lasts for this page view.
  }
  void applyToPage();
}

if (ExecutionEnvironment.canUseDOM) {
  document.addEventListener('change', (event) => {
    const select = event.target;
    if (select instanceof HTMLSelectElement && select.matches(STYLE_SELECT)) choose(select);
  });
}

export function onRouteDidUpdate(): void {
  if (document.documentElement.dataset.citationStyle) void applyToPage();
}
