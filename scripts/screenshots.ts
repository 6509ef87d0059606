/**
 * `npm run screenshots`: writes the README's pictures from the running lab (headless Chromium,
 * the system build): assets/screenshot.png (the double well with its quadratic model) and
 * assets/network.png (a network's loss slice along its training path, the path drawn on it).
 */
import { startDevServer } from './devServer';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../src/cli/chromium';

interface Hook {
  idle(): boolean;
  app: { currentLandscape: { kind: string } | null };
}

async function shoot(page: Page, url: string, kind: string, path: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction((k) => {
    const lab = (window as unknown as { __taylorLab?: Hook }).__taylorLab;
    return lab !== undefined && lab.idle() && lab.app.currentLandscape?.kind === k;
  }, kind, { timeout: 300_000 });
  // Two frames after idle, so the last grid is drawn.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

async function main(): Promise<void> {
  const { server, base } = await startDevServer();
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript('window.__name = (f) => f;');
    await shoot(page, `${base}#x=0.5&y=0.5&order=2`, 'formula', 'assets/screenshot.png');
    await shoot(page, `${base}#landscape=network&netDirections=path&n=64&order=2&colorMode=modelError`, 'network', 'assets/network.png');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
