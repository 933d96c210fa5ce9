/**
 * What .bib data may become on its way to a page. Two decisions, each made here and nowhere else
 * (issue #13): which addresses may become links or metadata URLs, and how JSON is written into a
 * <script> element. No dependencies: browser code imports this module too.
 */

type WebUrlProblem =
  'control' | 'space' | 'scheme' | 'character' | 'reference' | 'invalid' | 'host';

/**
 * Why `value` may not become a link or a metadata URL (citation_public_url, JSON-LD `url`,
 * COinS `rft_id`, archive links), as a short code, or undefined when it may. Only an absolute
 * http: or https: address passes, and only as written: browsers strip white space and control
 * characters from an address and decode character references in an attribute, so
 * `\tjavascript:`, `java\nscript:` and `java&#x73;cript:` are refused rather than cleaned up.
 * Characters that a web address must percent-encode and that end an HTML attribute or a URL's
 * host (`"`, a backquote, a backslash) are refused too: citeproc writes its links as HTML
 * strings, where a quote ends the attribute. `<` and `>` pass: old DOIs hold them (SICI,
 * `…49:8<693::AID-ASI4>3.0.CO;2-0`), inside a quoted attribute they end nothing, every other
 * writer here builds trees or escapes, and browsers percent-encode them when the link is
 * followed.
 *
 * The rule returns codes, not sentences, because the theme's renderer applies it in the browser:
 * the sentences (`whyNotWebUrl`) stay out of the page's JavaScript.
 */
function webUrlProblem(value: string): WebUrlProblem | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'control';
  if (/\s/.test(value)) return 'space';
  if (!/^https?:\/\//i.test(value)) return 'scheme';
  if (/["`\\]/.test(value)) return 'character';
  if (/&(#\d+|#x[\da-f]+|[a-z][\da-z]*);/i.test(value)) return 'reference';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'invalid';
  }
  if (url.hostname === '') return 'host';
  return undefined;
}

const PROBLEMS: Record<Exclude<WebUrlProblem, 'character'>, string> = {
  control: 'holds a control character',
  space: 'holds white space',
  scheme: 'is not an http: or https: address',
  reference: 'holds an HTML character reference',
  invalid: 'is not a valid web address',
  host: 'names no host',
};

const CHARACTER_NAMES: Record<string, string> = {
  '"': 'a double quote (")',
  '`': 'a backquote (`)',
  '\\': 'a backslash (\\)',
};

/** Why `value` may not become a link or a metadata URL (see `webUrlProblem`), or undefined. */
export function whyNotWebUrl(value: string): string | undefined {
  const problem = webUrlProblem(value);
  if (problem !== 'character') return problem && PROBLEMS[problem];
  const name = CHARACTER_NAMES[/["`\\]/.exec(value)![0]];
  return `holds ${name}, which a web address must percent-encode`;
}

/** `value` when it may become a link or a metadata URL (see `webUrlProblem`), else undefined. */
export function webUrl(value: unknown): string | undefined {
  return typeof value === 'string' && webUrlProblem(value) === undefined ? value : undefined;
}

// Inside a <script> element the HTML parser looks for "</script" and "<!--"; "&" matters in
// XHTML; U+2028 and U+2029 end a line in JavaScript before ES2019. JSON only has these inside
// strings, where \uXXXX means the same character.
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON for the inside of a <script> element (JSON-LD, inline state): no value can end the
 * element, open a comment in it or end a line of JavaScript. The result is still JSON, and a
 * JavaScript expression with the same value.
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError('Only a JSON value can be written into a script');
  return json.replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
