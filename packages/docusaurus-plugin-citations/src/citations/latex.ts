/**
 * Field values as LaTeX that cannot forge or break anything. A value from a .bib is LaTeX text;
 * the exports keep it as written (its case-protecting braces, accents and formatting commands)
 * except for what would end the entry early, start another one, or break a document that cites
 * it:
 * - a brace without its partner, and `\{` `\}` (BibTeX counts those as braces too), become
 *   `\textbraceleft{}` and `\textbraceright{}`;
 * - `&`, `%`, `#`, `_` and `^` outside math are escaped; an unpaired `$` is escaped;
 * - a command that is not plain text formatting (anything citation-js does not know, such as
 *   `\input` or `\write`) is written as text: `\textbackslash{}input`;
 * - line breaks and other white space become single spaces.
 * What counts as known is read from citation-js's own tables, so a command taught to the parser
 * (as bibtex.ts teaches it `\NoCaseChange`) is kept by the exports too.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';

interface BibtexConstants {
  commands: Record<string, string>;
  mathCommands: Record<string, string>;
  diacritics: Record<string, string>;
  formattingCommands: Record<string, string | undefined>;
  formattingEnvs: Record<string, string | undefined>;
  mathScriptFormatting: Record<string, string | undefined>;
}

const constants = () => (plugins.config.get('@bibtex') as { constants: BibtexConstants }).constants;

/** LaTeX kernel commands that only affect spacing or hyphenation. */
const SPACING = new Set(['-', ',', '/', '@', ' ', ';', '!']);
/** Escapes of characters that are special to LaTeX; all keep their meaning. */
const ESCAPES = new Set(['&', '%', '$', '#', '_']);

export type LatexDialect = 'biblatex' | 'bibtex';

/** biblatex's own commands, with what classic BibTeX documents understand instead. */
const BIBLATEX_ONLY: Record<string, { open: string; close: string }> = {
  NoCaseChange: { open: '{', close: '}' },
  mkbibquote: { open: '``', close: "''" },
  enquote: { open: '``', close: "''" },
  mkbibemph: { open: '\\emph{', close: '}' },
  mkbibitalic: { open: '\\textit{', close: '}' },
  mkbibbold: { open: '\\textbf{', close: '}' },
};

/** Collapses white space and control characters to single spaces (U+00A0 and friends stay). */
export function normaliseSpace(text: string): string {
  return (
    text
      // Control characters are what this removes: no document can show them.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/[ ]+/g, ' ')
      .trim()
  );
}

type Token =
  | { kind: 'command'; name: string; text: string }
  | { kind: 'lbrace' | 'rbrace' | 'math' | 'space' }
  | { kind: 'char'; text: string };

function tokenise(value: string): Token[] {
  const tokens: Token[] = [];
  const text = normaliseSpace(value);
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '\\') {
      const letters = /^[a-zA-Z]+/.exec(text.slice(i + 1))?.[0];
      const name = letters ?? text[i + 1] ?? '';
      tokens.push({ kind: 'command', name, text: `\\${name}` });
      i += 1 + name.length;
    } else if (c === '{') {
      tokens.push({ kind: 'lbrace' });
      i += 1;
    } else if (c === '}') {
      tokens.push({ kind: 'rbrace' });
      i += 1;
    } else if (c === '$') {
      tokens.push({ kind: 'math' });
      i += 1;
    } else if (c === ' ') {
      tokens.push({ kind: 'space' });
      i += 1;
    } else {
      const cp = String.fromCodePoint(text.codePointAt(i)!);
      tokens.push({ kind: 'char', text: cp });
      i += cp.length;
    }
  }
  return tokens;
}

/** Indices of braces and math shifts that have a partner; the rest are literal characters. */
function pairs(tokens: readonly Token[]): Set<number> {
  const paired = new Set<number>();
  const braces: number[] = [];
  // A math shift opens math only when a closing one follows at the same brace depth.
  const math: (number | undefined)[] = [undefined];
  tokens.forEach((t, i) => {
    if (t.kind === 'lbrace') {
      braces.push(i);
      math.push(undefined);
    } else if (t.kind === 'rbrace' && braces.length > 0) {
      paired.add(braces.pop()!);
      paired.add(i);
      math.pop();
    } else if (t.kind === 'math') {
      const open = math[math.length - 1];
      if (open === undefined) math[math.length - 1] = i;
      else {
        paired.add(open);
        paired.add(i);
        math[math.length - 1] = undefined;
      }
    }
  });
  return paired;
}

function escapeChar(c: string, inMath: boolean): string {
  switch (c) {
    case '&':
    case '%':
    case '#':
      return `\\${c}`;
    case '_':
      return inMath ? c : '\\_';
    case '^':
      return inMath ? c : '\\textasciicircum{}';
    default:
      return c;
  }
}

/**
 * A .bib value (LaTeX) made safe for a BibLaTeX or BibTeX export; in the classic dialect,
 * biblatex-only commands become what classic documents understand.
 */
export function safeLatex(value: string, dialect: LatexDialect = 'biblatex'): string {
  const tokens = tokenise(value);
  const paired = pairs(tokens);
  const known = constants();
  const out: string[] = [];
  // For each open brace: what closes it (a classic replacement for a biblatex command may
  // need another closing text).
  const closers: string[] = [];
  let inMath = false;
  let pendingClose: string | undefined;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    switch (t.kind) {
      case 'space':
        out.push(' ');
        break;
      case 'char':
        out.push(escapeChar(t.text, inMath));
        break;
      case 'math':
        if (paired.has(i)) {
          inMath = !inMath;
          out.push('$');
        } else out.push('\\$');
        break;
      case 'lbrace':
        if (paired.has(i)) {
          closers.push(pendingClose ?? '}');
          out.push(pendingClose === undefined ? '{' : '');
          pendingClose = undefined;
        } else out.push(inMath ? '\\lbrace{}' : '\\textbraceleft{}');
        break;
      case 'rbrace':
        if (paired.has(i)) out.push(closers.pop() ?? '}');
        else out.push(inMath ? '\\rbrace{}' : '\\textbraceright{}');
        break;
      case 'command': {
        const replacement = dialect === 'bibtex' ? BIBLATEX_ONLY[t.name] : undefined;
        let next = i + 1;
        while (tokens[next]?.kind === 'space') next += 1;
        if (replacement && tokens[next]?.kind === 'lbrace' && paired.has(next)) {
          // `\mkbibquote {x}` → ``x'': the brace that follows opens the replacement instead.
          out.push(replacement.open);
          pendingClose = replacement.close;
          i = next - 1;
          break;
        }
        out.push(commandText(t.name, t.text, inMath, known));
      }
    }
  }
  return out.join('');
}

function commandText(name: string, text: string, inMath: boolean, known: BibtexConstants): string {
  if (name === '{') return inMath ? '\\lbrace{}' : '\\textbraceleft{}';
  if (name === '}') return inMath ? '\\rbrace{}' : '\\textbraceright{}';
  if (ESCAPES.has(name) || SPACING.has(name)) return text;
  if (name in known.diacritics || name in known.commands) return text;
  if (name in known.formattingCommands || name in known.formattingEnvs) return text;
  if (name === 'url' || name === 'NoCaseChange') return text;
  if (name in known.mathCommands || name in known.mathScriptFormatting) {
    // Greek letters and the like are math: outside math they would stop LaTeX.
    return inMath ? text : `\\ensuremath{${text}}`;
  }
  // Anything else is shown as text, as citation-js shows it: never run.
  const rest = name === '' ? '' : /^[a-zA-Z]+$/.test(name) ? name : escapeChar(name, inMath);
  return `\\textbackslash{}${rest === '\\' ? '\\textbackslash{}' : rest}`;
}

/**
 * Plain text (no LaTeX in it) as LaTeX: every special character escaped. For values that come
 * from CSL items rather than a .bib, such as the edition's own citation.
 */
export function textToLatex(text: string): string {
  return normaliseSpace(text).replace(/[\\{}&%$#_^~]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\textbackslash{}';
      case '{':
        return '\\textbraceleft{}';
      case '}':
        return '\\textbraceright{}';
      case '^':
        return '\\textasciicircum{}';
      case '~':
        return '\\textasciitilde{}';
      default:
        return `\\${c}`;
    }
  });
}

/**
 * A verbatim field (url, doi, eprint…): biber and `\url` read it without LaTeX, so nothing is
 * escaped; white space is collapsed, and braces without a partner are percent-encoded, which
 * leaves a URL meaning the same.
 */
export function safeVerbatim(value: string): string {
  const tokens = [...normaliseSpace(value)];
  const open: number[] = [];
  const lone = new Set<number>();
  tokens.forEach((c, i) => {
    if (c === '{') open.push(i);
    else if (c === '}') {
      if (open.length) open.pop();
      else lone.add(i);
    }
  });
  for (const i of open) lone.add(i);
  return tokens.map((c, i) => (lone.has(i) ? (c === '{' ? '%7B' : '%7D') : c)).join('');
}
