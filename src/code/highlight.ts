/**
 * A deliberately small syntax highlighter for the two languages the page shows. It splits a line
 * into comment, string, keyword, number and plain runs — enough to read code comfortably without
 * shipping a general highlighter to the page.
 */

export type TokenKind = 'comment' | 'string' | 'keyword' | 'number' | 'plain';
export interface Token {
  kind: TokenKind;
  text: string;
}
export type Language = 'python' | 'typescript';

const KEYWORDS: Record<Language, Set<string>> = {
  python: new Set(
    'and as assert async await break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield'.split(
      ' ',
    ),
  ),
  typescript: new Set(
    'async await break case catch class const continue default delete do else export extends false finally for from function if import in instanceof interface let new null of private readonly return static switch this throw true try type typeof undefined void while yield'.split(
      ' ',
    ),
  ),
};

const PATTERNS: Record<Language, RegExp> = {
  python:
    /(#.*$)|("""[\s\S]*?"""|'''[\s\S]*?'''|[rbfu]{0,2}"(?:\\.|[^"\\\n])*"|[rbfu]{0,2}'(?:\\.|[^'\\\n])*')|(\b\d[\d_]*(?:\.\d+)?\b)|([A-Za-z_]\w*)/gm,
  typescript:
    /(\/\/.*$|\/\*[\s\S]*?\*\/)|(`(?:\\.|[^`\\])*`|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|(\b\d[\d_]*(?:\.\d+)?\b)|([A-Za-z_$][\w$]*)/gm,
};

/**
 * Highlights a whole source and returns its tokens line by line. The source is scanned as one text
 * so that tokens spanning lines (docstrings, block comments) are recognised, then cut at newlines.
 */
export function highlightLines(source: string, language: Language): Token[][] {
  const lines: Token[][] = [[]];
  const emit = (kind: TokenKind, text: string) => {
    text.split('\n').forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (!part) return;
      const line = lines[lines.length - 1] as Token[];
      const previous = line[line.length - 1];
      if (previous && previous.kind === kind) previous.text += part;
      else line.push({ kind, text: part });
    });
  };
  const pattern = new RegExp(PATTERNS[language]);
  let last = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    emit('plain', source.slice(last, match.index));
    const [text, comment, string, number, word] = match;
    if (comment) emit('comment', text);
    else if (string) emit('string', text);
    else if (number) emit('number', text);
    else emit(word && KEYWORDS[language].has(word) ? 'keyword' : 'plain', text);
    last = match.index + text.length;
  }
  emit('plain', source.slice(last));
  return lines;
}
