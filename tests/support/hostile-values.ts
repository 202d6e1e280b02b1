/**
 * Values no parameter of the page accepts: wrong types, empty, huge, negative, NaN and Infinity,
 * exponent and hex forms, broken percent-encoding, emoji, prototype names, and HTML and script
 * payloads. Each payload that could run sets `window.__pwned`, so a test can tell if one did.
 */
export const PARAMETERS = [
  'panel',
  'kind',
  'duration',
  'poll',
  'tasks',
  'rate',
  'embed',
  'theme',
  'mode',
  'show',
] as const;

export const HOSTILE_VALUES: readonly string[] = [
  '',
  ' ',
  'abc',
  '-1',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e3',
  '1E3',
  '0x10',
  '0b101',
  '1_000',
  '10.5',
  '9'.repeat(400),
  'x'.repeat(3000),
  '%',
  '%E0%A4%A',
  '%ZZ',
  '😀',
  '１００',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '<b>bold</b>',
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  "'><svg onload=window.__pwned=1>",
  'javascript:window.__pwned=1',
  '${window.__pwned=1}',
  '{{constructor.constructor("window.__pwned=1")()}}',
];

/** A query string with one hostile value, percent-encoded where the value must survive as is. */
export function hostileQuery(parameter: string, value: string, raw = false): string {
  return `?${parameter}=${raw ? value : encodeURIComponent(value)}`;
}

/** Characters percent-encoding changes: a value holding one has a raw form of its own. */
const ENCODING_MATTERS = /[%<>"' ]/;

/** Adds a parameter's hostile value, and its raw form too where percent-encoding changes it. */
function addBothForms(queries: Set<string>, parameter: string, value: string): void {
  queries.add(hostileQuery(parameter, value));
  if (ENCODING_MATTERS.test(value)) queries.add(hostileQuery(parameter, value, true));
}

/** Repeated parameters, and several bad values in one address. */
const MIXED_QUERIES = [
  '?duration=100&duration=200&duration=300',
  '?panel=blocking&panel=queue',
  '?duration=%F0%9F%98%80&poll=&tasks=-5&rate=1e9&kind=%3Cscript%3E',
];

/** At least 200 distinct hostile queries: every value in every parameter, raw and encoded. */
export function hostileQueries(): string[] {
  const queries = new Set<string>();
  for (const parameter of PARAMETERS) {
    for (const value of HOSTILE_VALUES) {
      // 'true' is a valid embed value; leave it out there.
      if (parameter === 'embed' && value === 'true') continue;
      addBothForms(queries, parameter, value);
    }
  }
  for (const query of MIXED_QUERIES) queries.add(query);
  return [...queries];
}

/**
 * One query per kind of hostility, for the browser: every value above once (its parameter taken in
 * turn, so that each parameter is hit), and the mixed queries. A value whose percent-encoding
 * changes it goes raw (a payload as typed, broken percent-encoding as such): the encoded form reaches
 * the page as the same decoded text, or as a literal "%" the parser refuses like any other bad
 * value. The full cross product, both forms, is checked against the parser in
 * tests/unit/url-state.test.ts; the browser only has to show that each kind reaches the page as a
 * named, inert refusal.
 */
export function representativeHostileQueries(): string[] {
  const queries = new Set<string>();
  HOSTILE_VALUES.forEach((value, i) => {
    const parameter = PARAMETERS[i % PARAMETERS.length] as string;
    const name = parameter === 'embed' && value === 'true' ? 'duration' : parameter;
    queries.add(hostileQuery(name, value, ENCODING_MATTERS.test(value)));
  });
  for (const query of MIXED_QUERIES) queries.add(query);
  return [...queries];
}
