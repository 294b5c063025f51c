import { SeededRandom } from './random.js';
import { TextWriter } from './site-content.js';

/** Kind of generated file, which decides its content generator. */
export type FileKind = 'html' | 'json' | 'css' | 'js' | 'image';

/** One file of the site to generate. */
export interface PlannedFile {
  /** POSIX path relative to the site folder. */
  path: string;
  kind: FileKind;
  /** Target size in bytes; text files end up slightly larger. */
  bytes: number;
}

/** Count and total size of one kind of text file. */
interface TextShare {
  count: number;
  meanBytes: number;
}

/** Counts and sizes of a generated site. */
export interface SiteProfile {
  html: TextShare;
  json: TextShare;
  css: TextShare;
  js: TextShare;
  images: {
    count: number;
    minBytes: number;
    maxBytes: number;
    totalBytes: number;
  };
}

const KB = 1000;
const MB = 1000 * KB;

/** Size names accepted by the generator. */
export type SiteSize = 'default' | 'large';

/**
 * Site profiles. `default` has 10,000 files and about 200 MB, `large` has
 * 12,000 files and about 2 GB, most of it in bigger images. Both counts
 * include the root index.html.
 */
export const SITE_PROFILES: Record<SiteSize, SiteProfile> = {
  default: {
    html: { count: 6600, meanBytes: 11.5 * KB },
    json: { count: 2900, meanBytes: 9 * KB },
    css: { count: 60, meanBytes: 30 * KB },
    js: { count: 139, meanBytes: 25 * KB },
    images: {
      count: 300,
      minBytes: 40 * KB,
      maxBytes: 1.2 * MB,
      totalBytes: 92 * MB,
    },
  },
  large: {
    html: { count: 6000, meanBytes: 40 * KB },
    json: { count: 3700, meanBytes: 20 * KB },
    css: { count: 100, meanBytes: 40 * KB },
    js: { count: 199, meanBytes: 60 * KB },
    images: {
      count: 2000,
      minBytes: 100 * KB,
      maxBytes: 4 * MB,
      totalBytes: 1650 * MB,
    },
  },
};

/** Size of the root index.html, the page the latency probe requests. */
const INDEX_BYTES = 20 * KB;

/**
 * Plans the files of a site: paths, kinds and sizes, sorted by path in UTF-16
 * code unit order, which is the order they are generated and hashed in.
 */
export function planSite(seed: string, profile: SiteProfile): PlannedFile[] {
  const random = new SeededRandom(`${seed}:plan`);
  const text = new TextWriter(random);
  const files: PlannedFile[] = [
    { path: 'index.html', kind: 'html', bytes: INDEX_BYTES },
  ];

  const htmlSizes = textSizes(random, profile.html);
  htmlSizes.forEach((bytes, i) => {
    files.push({ path: htmlPath(text, i), kind: 'html', bytes });
  });
  const jsonSizes = textSizes(random, profile.json);
  jsonSizes.forEach((bytes, i) => {
    const collection = `collection-${i % 40}`;
    files.push({ path: `api/v1/${collection}/${i}.json`, kind: 'json', bytes });
  });
  textSizes(random, profile.css).forEach((bytes, i) => {
    files.push({
      path: `assets/css/${text.word()}-${i}.css`,
      kind: 'css',
      bytes,
    });
  });
  textSizes(random, profile.js).forEach((bytes, i) => {
    files.push({ path: `assets/js/${text.word()}-${i}.js`, kind: 'js', bytes });
  });
  imageSizes(random, profile.images).forEach((bytes, i) => {
    const year = 2015 + (i % 12);
    const month = String((i % 12) + 1).padStart(2, '0');
    const extension = random.pick(['png', 'jpg', 'webp']);
    files.push({
      path: `images/${year}/${month}/${text.slug()}-${i}.${extension}`,
      kind: 'image',
      bytes,
    });
  });

  return files.sort((a, b) => compareCodeUnits(a.path, b.path));
}

/** Spreads pages over blog posts, docs and product pages, 40/30/30. */
function htmlPath(text: TextWriter, index: number): string {
  const section = index % 10;
  if (section < 4) {
    const year = 2015 + (index % 12);
    return `blog/${year}/${text.slug()}-${index}/index.html`;
  }
  if (section < 7) {
    return `docs/section-${index % 60}/${text.slug()}-${index}.html`;
  }
  return `products/category-${index % 80}/${text.slug()}-${index}.html`;
}

/**
 * Draws `count` sizes from a skewed (log-uniform) distribution and scales
 * them so they add up to `count * meanBytes`.
 */
function textSizes(random: SeededRandom, share: TextShare): number[] {
  const raw = Array.from({ length: share.count }, () =>
    random.logUniform(share.meanBytes / 4, share.meanBytes * 3),
  );
  return scaleTo(raw, share.count * share.meanBytes, 200);
}

function imageSizes(
  random: SeededRandom,
  images: SiteProfile['images'],
): number[] {
  const raw = Array.from({ length: images.count }, () =>
    random.logUniform(images.minBytes, images.maxBytes),
  );
  return scaleTo(raw, images.totalBytes, 1024);
}

function scaleTo(raw: number[], total: number, minimum: number): number[] {
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((size) => Math.max(minimum, Math.round((size * total) / sum)));
}

/** Orders strings by UTF-16 code units, independent of the locale. */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
