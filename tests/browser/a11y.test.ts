import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openLab, readout } from './harness';
import { waitForFrames } from './frames';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page; returns the serious and critical violations as readable lines (all of them are logged). */
async function seriousViolations(page: Page, label: string): Promise<string[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  const lines = violations.map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : ''}`);
  console.log(`axe ${label}: ${violations.length} violation(s)${lines.length ? '\n  ' + lines.join('\n  ') : ''}`);
  return lines.filter((l) => l.startsWith('serious') || l.startsWith('critical'));
}

describe('accessibility', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await openLab(browser, 'v=1&n=64', undefined, { bypassCSP: true })); // axe is injected as a script tag
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the formula error is tied to its field (aria-invalid, aria-describedby)', async () => {
    const input = page.locator('[data-testid="formula"]');
    expect(await input.getAttribute('aria-invalid')).toBe('false');
    const describedBy = await input.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    await input.fill('sin(2x)');
    await input.press('Enter');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    const error = page.locator(`#${describedBy}`);
    expect(await error.textContent()).toContain('implicit multiplication');
    await input.fill('(x^2 - 1)^2 + y^2');
    await input.press('Enter');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('false');
  });

  it('a polite live region speaks the point once after a nudge, not on every step', async () => {
    const live = page.locator('[data-testid="live-region"]');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="live-region"]') as HTMLElement;
      (window as unknown as { __spoken: string[] }).__spoken = [];
      new MutationObserver(() => (window as unknown as { __spoken: string[] }).__spoken.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
    for (let i = 0; i < 5; i++) await page.keyboard.press('d');
    await expect.poll(() => readout(page, 'x')).toBe('0.7000');
    await expect.poll(() => live.textContent(), { timeout: 5000 }).toContain('Point (0.7000, 0.5000)');
    const text = (await live.textContent()) ?? '';
    expect(text).toContain(`f = ${await readout(page, 'f')}`);
    expect(text).toContain(await readout(page, 'class'));
    expect(text).toContain(`λ₁ = ${await readout(page, 'lambda1')}`);
    expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.length)).toBe(1);
  });

  it('axe finds no serious or critical violation in the 2D view', async () => {
    await waitForFrames(page);
    expect(await seriousViolations(page, '2D view')).toEqual([]);
  });

  it('axe finds no serious or critical violation in the 1D view', async () => {
    await page.evaluate(() => window.__taylorLab.set({ mode: '1d' }));
    await expect.poll(() => page.locator('#view1d').isVisible()).toBe(true);
    await waitForFrames(page);
    expect(await seriousViolations(page, '1D view')).toEqual([]);
  });

  it('axe finds no serious or critical violation in a lecture scene in each projector theme', async () => {
    for (const theme of ['projector-dark', 'projector-light'] as const) {
      await page.evaluate((t) => window.__taylorLab.set({ mode: '2d', theme: t, scene: 'well-saddle' }), theme);
      await expect.poll(() => page.locator('[data-readout="caption"]').textContent()).toContain('saddle');
      await waitForFrames(page);
      expect(await seriousViolations(page, `lecture, ${theme}`), theme).toEqual([]);
    }
    expect(errors).toEqual([]);
  });
});
