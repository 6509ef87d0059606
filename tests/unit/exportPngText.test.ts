import { describe, expect, it } from 'vitest';
import { latexToText } from '../../src/app/exportPng';
import { taylorLatex2D } from '../../src/ui/taylorLatex';
import { coefficientIndex } from '../../src/core/taylorLayout';

describe('latexToText: the live formula as one line of text for the exported image', () => {
  it('turns subscripts, powers, thin spaces and minus signs into plain Unicode', () => {
    expect(latexToText('T_{2}(x,y) = 0.8125 - 1.5\\,(x - 0.5) + 3\\,(y + 1)^{2}')).toBe('T₂(x,y) = 0.8125 − 1.5 (x − 0.5) + 3 (y + 1)²');
    expect(latexToText('T_{1}(x,y) = -2 + 4 \\times 10^{-5}\\,x')).toBe('T₁(x,y) = −2 + 4 × 10⁻⁵ x');
    expect(latexToText('T_{0}(x,y) = \\mathrm{NaN}')).toBe('T₀(x,y) = NaN');
  });

  it('joins the aligned lines of a long polynomial into one line with no LaTeX left', () => {
    const order = 3;
    const coeffs = new Float64Array(((order + 1) * (order + 2)) / 2);
    for (let d = 0; d <= order; d++) for (let j = 0; j <= d; j++) coeffs[coefficientIndex(d - j, j)] = (d + 1) * (j % 2 === 0 ? 1.25 : -0.75);
    const latex = taylorLatex2D(coeffs, order, 0.5, -1);
    expect(latex).toContain('\\begin{aligned}');
    const text = latexToText(latex);
    expect(text).not.toMatch(/[\\{}&^_]/);
    expect(text.startsWith('T₃(x,y) = 1.25')).toBe(true);
    expect(text).toContain('(x − 0.5)³');
    expect(text).toContain('(y + 1)');
  });
});
