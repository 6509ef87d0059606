/**
 * How the lab's Node tools (figures, bench) and its browser tests start the system Chromium:
 * the flags that give headless Chromium WebGL2 through SwiftShader on these machines, and the path.
 */

/** Launch flags that give headless Chromium WebGL2 through SwiftShader on these machines. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** The system Chromium (never a downloaded one); CHROMIUM_PATH overrides it. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}
