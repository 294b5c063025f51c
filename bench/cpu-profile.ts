import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The parts of a V8 .cpuprofile file (node --cpu-prof) that are read. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

/** Self time of one function or module, in ms. */
export interface SelfTime {
  name: string;
  ms: number;
}

/** Self time of a profile grouped two ways. */
export interface ProfileSummary {
  totalMs: number;
  byFunction: SelfTime[];
  byModule: SelfTime[];
}

/**
 * Returns, for a bundle written by esbuild, a function that maps a 0-based
 * line to the source module it came from, using the `// path/to/module.js`
 * comment esbuild puts before each module.
 */
async function moduleMapOf(
  bundle: string,
): Promise<(line: number) => string | undefined> {
  let text: string;
  try {
    text = await readFile(bundle, 'utf8');
  } catch {
    return () => undefined;
  }
  const starts: Array<{ line: number; module: string }> = [];
  text.split('\n').forEach((line, index) => {
    const match = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(line);
    if (match !== null) {
      starts.push({ line: index, module: match[1] as string });
    }
  });
  return (line) => {
    let found: string | undefined;
    for (const start of starts) {
      if (start.line > line) {
        break;
      }
      found = start.module;
    }
    return found;
  };
}

function top(map: Map<string, number>, count: number): SelfTime[] {
  return [...map.entries()]
    .map(([name, us]) => ({ name, ms: us / 1000 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

/**
 * Sums the self time of each function and of each bundled module in a
 * .cpuprofile. Node's own modules are grouped as `node:` plus their name,
 * and V8's pseudo-frames such as `(garbage collector)` keep their name.
 */
export async function summarizeProfile(
  file: string,
  count = 15,
): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const moduleMaps = new Map<string, (line: number) => string | undefined>();
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let totalUs = 0;

  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = nodes.get(profile.samples[i] as number);
    const us = profile.timeDeltas[i] ?? 0;
    if (node === undefined) {
      continue;
    }
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    let module: string;
    if (url === '') {
      module = functionName;
    } else if (url.startsWith('node:')) {
      module = url;
    } else {
      if (!moduleMaps.has(url)) {
        moduleMaps.set(url, await moduleMapOf(new URL(url).pathname));
      }
      module =
        moduleMaps.get(url)?.(lineNumber) ??
        path.basename(new URL(url).pathname);
    }
    const name = `${functionName || '(anonymous)'} (${module}:${lineNumber + 1})`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byModule.set(module, (byModule.get(module) ?? 0) + us);
  }
  return {
    totalMs: totalUs / 1000,
    byFunction: top(byFunction, count),
    byModule: top(byModule, count),
  };
}
