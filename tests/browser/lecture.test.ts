import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SCENES } from '../../src/lectures/scenes';
import { launchBrowser, openLab, readNumber, readout, waitForIdle } from './harness';
import { waitForFrames } from './frames';
import { KEY_BINDINGS } from '../../src/ui/keyBindings';
import { markerClientPosition } from './screen';

type Pose = { readonly position: readonly number[]; readonly target: readonly number[] };

function labState(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => window.__taylorLab.state());
}

function cameraPose(page: Page): Promise<Pose> {
  return page.evaluate(() => window.__taylorLab.scene.getCameraPose());
}

function fontPx(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** Records state x each animation frame for `ms` milliseconds (to see a move animate). */
function recordX(page: Page, ms: number): Promise<number[]> {
  return page.evaluate((duration) => {
    const lab = window.__taylorLab;
    const xs: number[] = [];
    const start = performance.now();
    return new Promise<number[]>((resolve) => {
      const tick = (): void => {
        xs.push(lab.state().x as number);
        if (performance.now() - start < duration) requestAnimationFrame(tick);
        else resolve(xs);
      };
      tick();
    });
  }, ms);
}

describe('lecture mode in a real browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a permalink restores point, order and function, and the live formula shows T_4', async () => {
    const { page, errors } = await openLab(browser, 'formula=sin(x)*cos(y)&preset=custom&x=0.3&y=-0.2&order=4&n=64');
    expect(await page.inputValue('[data-testid="formula"]')).toBe('sin(x)*cos(y)');
    expect([await readNumber(page, 'x'), await readNumber(page, 'y'), await readNumber(page, 'order')]).toEqual([0.3, -0.2, 4]);
    const math = page.locator('[data-readout="live-formula"]');
    await expect.poll(() => math.getAttribute('data-latex')).toContain('T_{4}(x,y) &= 0.2896 \\\\ &\\quad + 0.9363\\,(x - 0.3) + 0.05871\\,(y + 0.2)');
    expect(await math.locator('.katex').count()).toBeGreaterThan(0);
    // Keys: order up and down, ignored while typing in the formula field.
    await page.keyboard.press('+');
    await expect.poll(() => readout(page, 'order')).toBe('5');
    await page.keyboard.press('[');
    await expect.poll(() => readout(page, 'order')).toBe('4');
    await page.focus('[data-testid="formula"]');
    await page.keyboard.press('+');
    await page.keyboard.press('Escape');
    const x0Input = page.locator('.lil-controller', { hasText: 'x₀' }).locator('input').first();
    await x0Input.focus();
    await page.keyboard.press(']');
    await page.keyboard.press('m');
    await x0Input.evaluate((el) => (el as HTMLInputElement).blur());
    expect(await readout(page, 'order')).toBe('4');
    expect((await labState(page)).showModel).toBe(true);
    // Toggles, a nudge by 1% of the domain (-2..2) and the 1D/2D keys.
    for (const key of ['m', 'g', 'e', 'c']) await page.keyboard.press(key);
    expect(await labState(page)).toMatchObject({ showModel: false, showGradient: false, showAxes: false, showContours: false });
    await page.keyboard.press('d');
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => readout(page, 'x')).toBe('0.3400');
    expect(await readout(page, 'y')).toBe('-0.1600');
    await page.keyboard.press('1');
    await expect.poll(() => page.locator('#viewport').isHidden()).toBe(true);
    expect((await labState(page)).mode).toBe('1d');
    // V steps through the registry of views, 1D → implicit → … → the last, then back to 2D.
    await page.keyboard.press('v');
    await expect.poll(() => labState(page).then((st) => st.mode)).toBe('implicit');
    await page.keyboard.press('2');
    await expect.poll(() => labState(page).then((st) => st.mode)).toBe('2d');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('PageDown, PageUp and the arrows move between scenes: caption, state.scene and an animated point', async () => {
    const { page, errors } = await openLab(browser, 'scene=well-saddle&n=64');
    const caption = page.locator('[data-readout="caption"]');
    await expect.poll(() => caption.textContent()).toMatch(new RegExp(`^4/${SCENES.length} · Double well: saddle at \\(0, 0\\) — .*diag\\(−4, 2\\)`));
    expect([await readNumber(page, 'x'), await readNumber(page, 'y'), await readout(page, 'class')]).toEqual([0, 0, 'saddle']);
    await page.locator('#viewport canvas').click({ position: { x: 5, y: 5 } }); // focus the page, no pick at the corner
    await page.evaluate(() => window.__taylorLab.set({ x: 0, y: 0 }));
    await page.keyboard.press('PageDown');
    const xs = await recordX(page, 900);
    await expect.poll(() => caption.textContent()).toMatch(new RegExp(`^5/${SCENES.length} · Double well: minimum at \\(−1, 0\\)`));
    expect((await labState(page)).scene).toBe('well-min-left');
    await expect.poll(() => readout(page, 'x')).toBe('-1.0000');
    expect([await readNumber(page, 'y'), await readNumber(page, 'hxx'), await readNumber(page, 'hyy'), await readout(page, 'class')]).toEqual([0, 8, 2, 'minimum']);
    // Frames are slow and uneven under software WebGL: ask only for several in-between values.
    const between = xs.filter((x) => x < 0 && x > -1);
    expect(between.length, `intermediate x values: ${xs.join(', ')}`).toBeGreaterThanOrEqual(2);
    // Previous, then next with an arrow key.
    await page.keyboard.press('PageUp');
    await expect.poll(() => readout(page, 'class'), { timeout: 5000 }).toBe('saddle');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => labState(page).then((s) => s.scene)).toBe('rosenbrock-valley');
    await waitForIdle(page);
    await expect.poll(() => readout(page, 'condition')).toMatch(/^2\.51e\+3|^2508/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('projector themes: text and GUI >= 24 px at 1920x1080, T cycles the themes (screenshots saved)', async () => {
    const { page, errors } = await openLab(browser, 'theme=projector-dark&scene=well-min-right&n=64', { width: 1920, height: 1080 });
    const selectors = [
      '[data-readout="x"]',
      '.readouts dt',
      '.lil-gui .lil-controller .lil-name',
      '.lil-gui .lil-title',
      '.lil-gui input',
      '#lecture-section .lil-controller .lil-name',
      '[data-readout="caption"]',
      '.axis-label',
      '.axis-title',
      '.eigen-label',
      '[data-testid="formula"]',
      '.live-formula h2',
      '#backend-badge',
    ];
    for (const theme of ['projector-dark', 'projector-light'] as const) {
      await page.evaluate((t) => window.__taylorLab.set({ theme: t }), theme);
      await waitForFrames(page);
      for (const s of selectors) expect(await fontPx(page, s), `${theme} ${s}`).toBeGreaterThanOrEqual(24);
      writeFileSync(`test-results/lecture-${theme}.png`, await page.screenshot());
    }
    await page.keyboard.press('?');
    await expect.poll(() => page.locator('[data-testid="help-overlay"]').isVisible()).toBe(true);
    expect(await fontPx(page, '.help-row .help-what')).toBeGreaterThanOrEqual(24);
    expect(await fontPx(page, '.help-row kbd')).toBeGreaterThanOrEqual(24);
    expect(await page.locator('[data-testid="help-overlay"] [data-action]').count()).toBe(KEY_BINDINGS.length);
    writeFileSync('test-results/lecture-help.png', await page.screenshot());
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="help-overlay"]').isVisible()).toBe(false);
    const themes: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('t');
      themes.push(await page.evaluate(() => document.documentElement.dataset.theme ?? ''));
    }
    expect(themes).toEqual(['default', 'projector-dark', 'projector-light']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a hostile link executes nothing and shows the formula error as text', async () => {
    const dialogs: string[] = [];
    const hostile = [
      `formula=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
      'preset=custom',
      `scene=${encodeURIComponent('<script>alert(2)</script>')}`,
      `camera=${encodeURIComponent('<svg onload=alert(3)>')}`,
      `formula1d=${encodeURIComponent('"><img src=x onerror=alert(4)>')}`,
    ].join('&');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${inject('baseUrl')}#${hostile}`);
    await page.waitForFunction(() => window.__taylorLab !== undefined);
    const error = page.locator('[data-readout="formula-error"]');
    // The app parses the formula after the backend starts (seconds under software WebGL).
    await expect.poll(() => error.isVisible(), { timeout: 60_000 }).toBe(true);
    await waitForFrames(page);
    expect(await error.textContent()).toContain('<img src=x onerror=alert(1)>');
    const injected = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img').length,
      svgs: document.querySelectorAll('svg[onload]').length,
      handlers: document.querySelectorAll('[onerror], [onload]').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => !s.src && s.textContent?.includes('alert')).length,
    }));
    expect(injected).toEqual({ imgs: 0, svgs: 0, handlers: 0, scripts: 0 });
    expect(await page.locator('[data-readout="caption"]').isHidden()).toBe(true);
    expect(await page.locator('[data-notice="scene"]').textContent()).toContain("no lecture scene '<script>");
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('an orbit goes into the link once it settles; back/forward and a camera link move the camera', async () => {
    // N = 64 throughout: the camera, not the surface's resolution, is under test.
    const { page, errors } = await openLab(browser, 'n=64');
    // Under software WebGL a damped glide lasts many seconds of slow frames: test without it.
    await page.evaluate(() => {
      window.__taylorLab.scene.stage.controls.enableDamping = false;
    });
    const home = (await cameraPose(page)).position.map((v) => v.toFixed(2)).join(',');
    const box = await page.locator('#viewport canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * 0.15 + 20 * i, box.y + box.height * 0.2 + 4 * i);
    await page.mouse.up();
    await expect.poll(() => labState(page).then((s) => s.camera), { timeout: 5000 }).not.toBe('');
    const camera = String((await labState(page)).camera);
    expect(camera.split(',').every((v) => /^-?\d+(\.\d{1,3})?$/.test(v))).toBe(true);
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).toContain('camera=');
    await page.goBack();
    await expect.poll(() => cameraPose(page).then((p) => p.position.map((v) => v.toFixed(2)).join(',')), { timeout: 10_000 }).toBe(home);
    await page.goForward();
    await expect.poll(() => cameraPose(page).then((p) => [...p.position, ...p.target].map((v) => v.toFixed(3)).join(',')), { timeout: 10_000 }).toBe(
      camera.split(',').map((v) => Number(v).toFixed(3)).join(','),
    );
    await page.keyboard.press('r');
    await expect.poll(() => labState(page).then((s) => s.camera), { timeout: 10_000 }).toBe('');
    await page.goto(`${inject('baseUrl')}#n=64&camera=1,-3,2,0.1,0,0`);
    await page.reload();
    await waitForIdle(page);
    const pose = await cameraPose(page);
    expect([...pose.position, ...pose.target].map((v) => Number(v.toFixed(9)))).toEqual([1, -3, 2, 0.1, 0, 0]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('touch: a tap places the point and a one-finger drag on the marker moves it', async () => {
    const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // N = 64 (a frame in ~0.12 s in software, not ~0.33 s): the tap and the drag only need the
    // surface under the marker, not a fine grid.
    await page.goto(`${inject('baseUrl')}#n=64`);
    await waitForIdle(page);
    await page.evaluate(() => window.__taylorLab.set({ x: 0.5, y: 0.5 }));
    await waitForFrames(page);
    const marker = await markerClientPosition(page);
    // A tap beside the marker (not on it) places the point there.
    await page.touchscreen.tap(marker.x + 60, marker.y + 10);
    await expect.poll(() => readout(page, 'x')).not.toBe('0.5000');
    const tapped = { x: await readNumber(page, 'x'), y: await readNumber(page, 'y') };
    expect(Number.isFinite(tapped.x) && Number.isFinite(tapped.y)).toBe(true);
    // One finger pressed on the marker and dragged moves the point (not the camera).
    const poseBefore = await cameraPose(page);
    const start = await markerClientPosition(page);
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
    await touch('touchStart', start.x, start.y);
    for (let i = 1; i <= 6; i++) await touch('touchMove', start.x - 5 * i, start.y + 2 * i);
    await touch('touchEnd', start.x - 30, start.y + 12);
    await expect.poll(async () => Math.hypot((await readNumber(page, 'x')) - tapped.x, (await readNumber(page, 'y')) - tapped.y)).toBeGreaterThan(0.02);
    const rounded = (p: Pose) => [...p.position, ...p.target].map((v) => v.toFixed(6)).join(',');
    expect(rounded(await cameraPose(page)), 'the camera must not orbit while the marker is dragged').toBe(rounded(poseBefore));
    // Two fingers orbit and pinch-zoom (OrbitControls touch setup).
    const touches = await page.evaluate(() => {
      const c = window.__taylorLab.scene.stage.controls;
      return c.touches;
    });
    expect(touches).toEqual({ ONE: 0, TWO: 3 });
    await context.close();
  });
});
