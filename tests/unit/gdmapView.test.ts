/**
 * The GD-map view's presenters and its diagram job (issue 18): the marks the diagram draws are the
 * flip points at the closed-form η = 2/f″(x*) of the quartic's minima, a click is a state patch,
 * "open in the 1D view" is the 1D view's runs at that η, the readout rows, the 'gd-map-flip'
 * scene's caption numbers, and the worker job's coarse-then-full levels.
 */
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/core/expr/parser';
import { gdMapOfFormula } from '../../src/core/gdmap/flipAnalysis';
import { compileSlope } from '../../src/core/gdmap/univariateJet';
import { parseRunSpecs } from '../../src/core/optimizers/runSpecs';
import { SCENES } from '../../src/lectures/scenes';
import { resolveScene, validateScene } from '../../src/lectures/validateScene';
import { defaultState } from '../../src/state/schema';
import { ComputeClient } from '../../src/worker/ComputeClient';
import { ComputeServer, type JobHandler } from '../../src/worker/ComputeServer';
import { gdmapDiagramJob, type GdmapDiagramResult } from '../../src/worker/gdmapJobs';
import { inProcessPair } from '../../src/worker/inProcess';
import type { ClientEndpoint, FromWorker, ServerEndpoint, ToWorker } from '../../src/worker/protocol';
import { diagramMarks, flipRows, GDMAP_PRESETS, iterates1D, openIn1DPatch, pickPatch, presetOfFormula, presetPatch, quadraticFromState, runAtPicked } from '../../src/views/gdmap/gdmapPresenters';
import { quarticMinima } from './support/quarticClosedForms';

const QUARTIC = 'x^4 - 3*x^2 + x';

function quarticMap() {
  const parsed = parseExpression(QUARTIC, ['x']);
  if (!parsed.ok) throw new Error('parse');
  return { expr: parsed.expr, ...gdMapOfFormula(parsed.expr, { xMin: -2.5, xMax: 2.5 }, { resolution: 120 }) };
}

describe('the GD-map view presenters', () => {
  it('marks the quartic’s two flip points at the closed-form η = 2/f″(x*) (1e-9), at (η, x*), inside the diagram', () => {
    const { diagram } = quarticMap();
    const marks = diagramMarks(diagram);
    const exact = quarticMinima();
    expect(marks).toHaveLength(2);
    marks.forEach((m, i) => {
      expect(Math.abs(m.eta - exact[i].flipEta)).toBeLessThan(1e-9);
      expect(Math.abs(m.x - exact[i].x)).toBeLessThan(1e-9);
      expect(m.label).toContain(exact[i].flipEta.toPrecision(4));
    });
    expect(diagram.etaMin).toBeLessThan(marks[0].eta);
    expect(diagram.etaMax).toBeGreaterThan(marks[1].eta);
  });

  it('lists each minimum in flip order with its 2-cycle just past the flip and the period-4 onset', () => {
    const rows = flipRows(quarticMap().flips);
    const exact = quarticMinima();
    expect(rows.map((r) => r.kind)).toEqual(['supercritical', 'supercritical']);
    rows.forEach((r, i) => {
      expect(Math.abs(r.flipEta - exact[i].flipEta)).toBeLessThan(1e-9);
      expect(r.cycle!.eta).toBeGreaterThan(r.flipEta);
      expect(Math.abs(r.cycle!.amplitude / r.cycle!.predicted - 1)).toBeLessThan(1e-2);
      expect(r.periodFourEta!).toBeGreaterThan(r.cycle!.eta);
    });
  });

  it('turns a click into the picked η (4 digits), and "open in the 1D view" into GD at that η from the start the diagram used', () => {
    expect(pickPatch(0.16001234)).toEqual({ gdmapEta: 0.16 });
    const { diagram } = quarticMap();
    const state = { ...defaultState(), gdmapFormula: QUARTIC, gdmapEta: 0.16 };
    const patch = openIn1DPatch(state, diagram, 0.16);
    expect(patch).toMatchObject({ mode: '1d', preset1d: 'custom', formula1d: QUARTIC, runs: 'gd:lr=0.16', runSteps: 0, x1min: -2.5, x1max: 2.5 });
    const specs = parseRunSpecs(patch.runs!);
    expect(specs.ok && specs.specs[0]).toMatchObject({ method: 'gd', params: { lr: 0.16 } });
    expect(Number(patch.runStart)).toBe(patch.x1d);
    expect(Math.abs(patch.x1d! - quarticMinima()[0].x)).toBeLessThan(0.01);
  });

  it('shows at η = 0.16 the iterates settling on the 2-cycle around the left minimum (period 2, amplitude > 0.1)', () => {
    const { diagram, expr } = quarticMap();
    const run = runAtPicked(diagram, compileSlope(expr), 0.16, 400);
    const [a, b, c] = run.xs.slice(-3);
    expect(Math.abs(a - c)).toBeLessThan(1e-9);
    expect(Math.abs(a - b)).toBeGreaterThan(0.1);
    expect(iterates1D((x) => 2 * x, 1.5, 1, 3)).toEqual([1, -2, 4, -8]);
  });

  it('has presets found again from their formula, and a quadratic case with flips at 2/λ₁ and 2/λ₂', () => {
    for (const p of GDMAP_PRESETS) expect(presetOfFormula(` ${p.formula} `)).toBe(p);
    expect(presetPatch(GDMAP_PRESETS[0])).toMatchObject({ gdmapFormula: QUARTIC, gdmapCase: '1d' });
    const d = quadraticFromState({ ...defaultState(), gdmapLambda1: 4, gdmapLambda2: 1 });
    expect(d.flips.map((m) => m.eta)).toEqual([0.5, 2]);
    expect(diagramMarks(d).map((m) => m.eta)).toEqual([0.5]);
  });

  it("has the 'gd-map-flip' scene's caption numbers from the flip analysis", () => {
    const scene = SCENES.find((s) => s.id === 'gd-map-flip')!;
    expect(validateScene(scene)).toEqual([]);
    const state = { ...defaultState(), ...resolveScene(scene) };
    const parsed = parseExpression(state.gdmapFormula, ['x']);
    if (!parsed.ok) throw new Error('parse');
    const rows = flipRows(gdMapOfFormula(parsed.expr, { xMin: state.gdmapXMin, xMax: state.gdmapXMax }, { resolution: 20 }).flips);
    // The caption writes minus signs as U+2212.
    const text = scene.caption.replaceAll('−', '-');
    for (const r of rows) {
      expect(text).toContain(`at ${r.x.toFixed(5)} (f″ = `);
      expect(text).toContain(r.f2.toPrecision(5));
      expect(text).toContain(`η = ${r.flipEta.toFixed(5)}`);
    }
    expect(text).toContain(`η = ${rows[0].periodFourEta!.toFixed(5)}`);
    expect(state.gdmapEta).toBeGreaterThan(rows[0].flipEta);
    expect(state.gdmapEta).toBeLessThan(rows[0].periodFourEta!);
  });
});

describe('the GD-map diagram job', () => {
  function client(): ComputeClient {
    const { a, b } = inProcessPair<ToWorker, FromWorker>();
    new ComputeServer(b as ServerEndpoint, { gdmapDiagram: gdmapDiagramJob as JobHandler });
    return new ComputeClient(a as ClientEndpoint);
  }

  it('sends the coarse diagram first, then the full one over the same η range with the same flips', async () => {
    const levels: GdmapDiagramResult[] = [];
    const full = await client().run<GdmapDiagramResult, GdmapDiagramResult>('gdmapDiagram', { formula: QUARTIC, xMin: -2.5, xMax: 2.5, coarse: 30, resolution: 90 }, { onProgress: (p) => levels.push(p) });
    expect(levels.map((l) => [l.level, l.diagram.columns.length])).toEqual([['coarse', 30]]);
    expect([full.level, full.diagram.columns.length]).toEqual(['full', 90]);
    expect([full.diagram.etaMin, full.diagram.etaMax]).toEqual([levels[0].diagram.etaMin, levels[0].diagram.etaMax]);
    expect(full.diagram.flips).toEqual(levels[0].diagram.flips);
    const exact = quarticMinima();
    full.diagram.flips.forEach((m, i) => expect(Math.abs(m.eta - exact[i].flipEta)).toBeLessThan(1e-9));
  }, 30_000);

  it("answers a typed f that does not parse with the parser's message and caret", async () => {
    await expect(client().run('gdmapDiagram', { formula: 'x^4 - ', xMin: -1, xMax: 1, coarse: 10, resolution: 20 })).rejects.toThrow(/\^/);
  });
});
