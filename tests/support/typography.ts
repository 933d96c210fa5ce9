/**
 * Typography as a reader meets it, measured in the browser: how many characters each line of
 * a block of text holds, found by asking where each character was laid out (Range rects), so
 * that it is the lines on the screen that are counted, whatever the font or the CSS.
 */
import type { Page } from 'playwright-core';

/**
 * Characters on each full line of the visible text blocks matching `selector`: every line of
 * a block but its last, which ends where the text does rather than where the measure does.
 * Hidden text (another citation style's rendering, say) takes no room and is not counted.
 */
export function charactersPerLine(page: Page, selector: string): Promise<number[]> {
  return page.evaluate((selector) => {
    const counts: number[] = [];
    const range = document.createRange();
    for (const block of Array.from(document.querySelectorAll(selector))) {
      // A block inside another counted block (a list in a list item) is counted with it.
      if (block.parentElement?.closest(selector)) continue;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let lineTop: number | undefined;
      let onLine = 0;
      for (
        let node = walker.nextNode() as Text | null;
        node;
        node = walker.nextNode() as Text | null
      ) {
        for (let i = 0; i < node.length; i += 1) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || rect.width === 0) continue;
          if (lineTop === undefined) lineTop = rect.top;
          else if (rect.top > lineTop + rect.height / 2) {
            counts.push(onLine);
            onLine = 0;
            lineTop = rect.top;
          }
          onLine += 1;
        }
      }
    }
    return counts;
  }, selector);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
