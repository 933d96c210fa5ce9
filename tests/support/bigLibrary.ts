/**
 * A researcher's whole library, made up: `count` journal articles with author, title, journal,
 * date, volume, pages and DOI, keys `gen0`, `gen1`, … The same count always gives the same text,
 * so that the tests and `npm run bench` read the same file. Each entry takes 10 lines: entry `i`
 * starts at line 10 × i + 1.
 */
export function bigLibrary(count: number): string {
  const entries: string[] = [];
  for (let i = 0; i < count; i += 1) {
    entries.push(
      [
        `@article{gen${i},`,
        `  author = {Smith, Jane and Doe, John${i}},`,
        `  title = {A Study of Things Number ${i}},`,
        `  journaltitle = {Journal of Tests ${i % 40}},`,
        `  date = {${2000 + (i % 25)}-${String((i % 12) + 1).padStart(2, '0')}},`,
        `  volume = {${i % 50}},`,
        `  pages = {1--${10 + (i % 90)}},`,
        `  doi = {10.1000/gen.${i}},`,
        '}',
        '',
        '',
      ].join('\n'),
    );
  }
  return entries.join('');
}
