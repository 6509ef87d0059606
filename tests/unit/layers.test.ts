/**
 * The house's import rules, checked on the source itself: imports point down the layers of
 * docs/architecture.md only, and no module imports itself back through a cycle (type-only imports
 * are left out: they vanish at build time). Which view is shown is tested only inside the view's own
 * folder: shared code asks what the shown view shows (viewShows), never which view it is.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/state/views';

const SRC = path.resolve(__dirname, '../../src');

/** Layers from the top (the page's entry) down to pure math; a module may import its own layer or lower ones. */
const LAYERS = ['main.ts', 'createLab.ts', 'views', 'app', 'worker', 'ui', 'lectures', 'state', 'scene', 'plots', 'compute', 'core'];
/** The Node entry points sit beside the page: they may use the pure layers only. */
const CLI_MAY_IMPORT = new Set(['cli', 'state', 'compute', 'core']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** The files a module imports at run time (relative imports, `import type` left out). */
function valueImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?'(\.[^']+)'/gm)) {
    if (m[1]) continue;
    const spec = m[2].replace(/\?.*$/, '');
    const target = path.resolve(path.dirname(file), spec);
    for (const candidate of [target, `${target}.ts`, path.join(target, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) {
          out.push(candidate);
          break;
        }
      } catch {
        // not this candidate
      }
    }
  }
  return out;
}

const layerOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0];

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, valueImports(f, readFileSync(f, 'utf8')).filter((t) => t.endsWith('.ts'))]));

describe('the layers of the house', () => {
  it('imports point down the layers only', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (from === 'cli') {
          if (!CLI_MAY_IMPORT.has(to)) upward.push(`${path.relative(SRC, file)} -> ${path.relative(SRC, target)}`);
          continue;
        }
        const [a, b] = [LAYERS.indexOf(from), LAYERS.indexOf(to)];
        if (a < 0 || b < 0 || b < a) upward.push(`${path.relative(SRC, file)} -> ${path.relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), file, next].map((f) => path.relative(SRC, f)).join(' -> '));
        else if (!state.has(next)) visit(next, [...trail, file]);
      }
      state.set(file, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('finds the imports it checks (the check itself works)', () => {
    const lab = graph.get(path.join(SRC, 'createLab.ts')) ?? [];
    expect(lab.length).toBeGreaterThan(5);
    expect(valueImports(path.join(SRC, 'x.ts'), "import type { A } from './core/types';\nimport { b } from './core/jet';")).toEqual([path.join(SRC, 'core/jet.ts')]);
  });

  it("tests which view is shown only inside that view's own folder", () => {
    const offenders: string[] = [];
    for (const v of VIEWS) {
      const test = new RegExp(`mode\\s*[!=]==\\s*'${v.id}'|'${v.id}'\\s*[!=]==\\s*[\\w.]*mode\\b`);
      for (const file of files) {
        const rel = path.relative(SRC, file);
        // The views test their own id; state defines the ids; the figures CLI sets a view to draw it.
        if (rel.startsWith(`views${path.sep}${v.id}`) || rel.startsWith(`views${path.sep}twoD`) || rel.startsWith('state') || rel.startsWith('cli')) continue;
        if (test.test(readFileSync(file, 'utf8'))) offenders.push(`${rel}: ${v.id}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
