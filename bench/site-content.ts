import { SeededRandom, seededBytes } from './random.js';

/**
 * Common English words, most frequent first, so that
 * {@link SeededRandom.pickSkewed} gives text a realistic word distribution.
 */
const COMMON_WORDS =
  `the of and to in is for that with on as it by this be are from
at or an was which can not have you all your more we will one new has but
about also other their its page site data when use time may these into only
first some after over most such what two any been then there where how our
each make used like them well see back year set way work part just
release build deploy server static file folder archive request upload
header signature secret cache image style script module config option value
list table index section article guide install update version support change
account project service network storage record report system user group order
product price review design color layout theme font size width height border
margin padding button form input field search filter result query sort label
`
    .split(/\s+/)
    .filter((word) => word !== '');

const SYLLABLES =
  'ka lo mi ra ten vo sel dra pun gri mo ta fe lin zor qua bel nix tor ham'.split(
    ' ',
  );

/**
 * Builds a vocabulary of common words followed by made-up words, so the text
 * is not one short list repeated, which would compress unrealistically well.
 */
function buildVocabulary(): string[] {
  const random = new SeededRandom('vocabulary');
  const invented = new Set<string>();
  for (let i = 0; i < 4000 && invented.size < 2500; i += 1) {
    let word = '';
    const syllables = random.int(2, 4);
    for (let s = 0; s < syllables; s += 1) {
      word += random.pick(SYLLABLES);
    }
    invented.add(word);
  }
  return [...COMMON_WORDS, ...invented];
}

const VOCABULARY = buildVocabulary();

const AUTHORS = [
  'Ada Byron',
  'Grace Hopper',
  'Alan Kay',
  'Barbara Liskov',
  'Edsger Dijkstra',
  'Frances Allen',
  'Ken Thompson',
  'Radia Perlman',
];

/** Writes words, sentences and dates from one file's random stream. */
export class TextWriter {
  constructor(readonly random: SeededRandom) {}

  word(): string {
    return this.random.pickSkewed(VOCABULARY);
  }

  words(count: number): string {
    const words: string[] = [];
    for (let i = 0; i < count; i += 1) {
      words.push(this.word());
    }
    return words.join(' ');
  }

  sentence(): string {
    const text = this.words(this.random.int(6, 22));
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }

  title(): string {
    return this.words(this.random.int(2, 7))
      .split(' ')
      .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
      .join(' ');
  }

  slug(): string {
    return this.words(this.random.int(2, 4)).replaceAll(' ', '-');
  }

  date(): string {
    const year = this.random.int(2015, 2026);
    const month = String(this.random.int(1, 12)).padStart(2, '0');
    const day = String(this.random.int(1, 28)).padStart(2, '0');
    return `${year}-${month}-${day}`;
  }

  author(): string {
    return this.random.pick(AUTHORS);
  }
}

/** Links and assets that generated pages refer to. */
export interface PageContext {
  title: string;
  stylesheet: string;
  script: string;
  navigation: readonly string[];
  images: readonly string[];
}

/**
 * Returns an HTML page of roughly `targetBytes` bytes (it stops at the first
 * paragraph past the target), with the shared header and footer that real
 * sites repeat on every page.
 */
export function htmlPage(
  text: TextWriter,
  context: PageContext,
  targetBytes: number,
): string {
  const head = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${context.title}</title>`,
    `<meta name="description" content="${text.sentence()}">`,
    `<link rel="stylesheet" href="${context.stylesheet}">`,
    `<script src="${context.script}" defer></script>`,
    '</head>',
    `<body class="page-${text.slug()}">`,
    '<header class="site-header"><nav><ul>',
    ...context.navigation.map(
      (href) => `<li><a href="${href}">${text.title()}</a></li>`,
    ),
    '</ul></nav></header>',
    '<main><article>',
    `<h1>${context.title}</h1>`,
    `<p class="byline">Posted on <time datetime="${text.date()}">${text.date()}</time> by ${text.author()}</p>`,
  ];
  const footer = [
    '</article></main>',
    '<footer class="site-footer"><p>&copy; Example Static Site. All rights reserved.</p>',
    '<p><a href="/">Home</a> | <a href="/docs/">Docs</a> | <a href="/blog/">Blog</a></p></footer>',
    '</body>',
    '</html>',
    '',
  ];
  const body: string[] = [];
  let bytes = head.join('\n').length + footer.join('\n').length;
  // Bounded: every block adds at least a few dozen bytes.
  for (let block = 0; bytes < targetBytes && block < 100_000; block += 1) {
    const html = htmlBlock(text, context);
    body.push(html);
    bytes += html.length + 1;
  }
  return [...head, ...body, ...footer].join('\n');
}

function htmlBlock(text: TextWriter, context: PageContext): string {
  const { random } = text;
  const kind = random.int(0, 9);
  if (kind === 0) {
    return `<h2 id="${text.slug()}">${text.title()}</h2>`;
  }
  if (kind === 1) {
    const items = Array.from(
      { length: random.int(3, 8) },
      () => `<li>${text.sentence()}</li>`,
    );
    return `<ul>\n${items.join('\n')}\n</ul>`;
  }
  if (kind === 2 && context.images.length > 0) {
    const src = random.pick(context.images);
    return `<figure><img src="${src}" alt="${text.words(4)}" width="${random.int(320, 1600)}" height="${random.int(200, 1200)}" loading="lazy"><figcaption>${text.sentence()}</figcaption></figure>`;
  }
  if (kind === 3) {
    const rows = Array.from(
      { length: random.int(2, 6) },
      () =>
        `<tr><td>${text.word()}</td><td>${random.int(0, 99999)}</td><td>${text.date()}</td></tr>`,
    );
    return `<table>\n<tr><th>Name</th><th>Count</th><th>Date</th></tr>\n${rows.join('\n')}\n</table>`;
  }
  const sentences = Array.from({ length: random.int(2, 7) }, () =>
    text.sentence(),
  );
  const link = `<a href="${random.pick(context.navigation)}">${text.words(3)}</a>`;
  return `<p>${sentences.join(' ')} See ${link} and <code>${text.word()}()</code>.</p>`;
}

/** Returns a JSON document of roughly `targetBytes` bytes: an API-style list. */
export function jsonDocument(text: TextWriter, targetBytes: number): string {
  const { random } = text;
  const items: unknown[] = [];
  let bytes = 100;
  for (let i = 0; bytes < targetBytes && i < 100_000; i += 1) {
    const item = {
      id: random.int(1, 9_999_999),
      slug: text.slug(),
      title: text.title(),
      summary: text.sentence(),
      author: text.author(),
      published: text.date(),
      price: Math.round(random.float() * 100_000) / 100,
      rating: Math.round(random.float() * 50) / 10,
      tags: Array.from({ length: random.int(0, 5) }, () => text.word()),
      inStock: random.float() < 0.7,
    };
    const json = JSON.stringify(item, null, 2);
    items.push(item);
    bytes += json.length + 2;
  }
  return `${JSON.stringify(
    { version: 1, generated: text.date(), count: items.length, items },
    null,
    2,
  )}\n`;
}

/** Returns a stylesheet of roughly `targetBytes` bytes. */
export function stylesheet(text: TextWriter, targetBytes: number): string {
  const { random } = text;
  const rules: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes && i < 100_000; i += 1) {
    const color = random.nextUint32().toString(16).padStart(8, '0').slice(0, 6);
    const rule = [
      `.${text.word()}-${text.word()} > .${text.word()} {`,
      `  color: #${color};`,
      `  margin: ${random.int(0, 48)}px ${random.int(0, 48)}px;`,
      `  padding: ${random.int(0, 32)}px;`,
      `  display: ${random.pick(['block', 'flex', 'grid', 'inline-block'])};`,
      `  font-size: ${(random.int(8, 40) / 10).toFixed(1)}rem;`,
      '}',
    ].join('\n');
    rules.push(rule);
    bytes += rule.length + 1;
  }
  return `${rules.join('\n')}\n`;
}

/** Returns a script of roughly `targetBytes` bytes. */
export function script(text: TextWriter, targetBytes: number): string {
  const { random } = text;
  const functions: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes && i < 100_000; i += 1) {
    const name = `${text.word()}${text.word().replace(/^./, (c) => c.toUpperCase())}${i}`;
    const source = [
      `export function ${name}(items, options = {}) {`,
      `  const limit = options.limit ?? ${random.int(1, 500)};`,
      `  const label = ${JSON.stringify(text.words(random.int(2, 6)))};`,
      `  return items`,
      `    .filter((item) => item.${text.word()} !== undefined)`,
      `    .map((item) => ({ ...item, label, score: item.score * ${random.int(2, 97)} }))`,
      '    .slice(0, limit);',
      '}',
    ].join('\n');
    functions.push(source);
    bytes += source.length + 1;
  }
  return `'use strict';\n${functions.join('\n')}\n`;
}

/** File signatures, so the images at least start like real ones. */
const IMAGE_MAGIC: Record<string, Buffer> = {
  png: Buffer.from('89504e470d0a1a0a', 'hex'),
  jpg: Buffer.from('ffd8ffe0', 'hex'),
  webp: Buffer.from('52494646', 'hex'),
};

/**
 * Returns an "image": a format signature followed by random bytes, which are
 * incompressible like the data of real PNG, JPEG and WebP files.
 */
export function imageBytes(
  seed: string,
  extension: string,
  size: number,
): Buffer {
  const magic = IMAGE_MAGIC[extension] ?? Buffer.alloc(0);
  const body = seededBytes(seed, Math.max(0, size - magic.length));
  return Buffer.concat([magic, body]);
}
