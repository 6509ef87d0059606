/**
 * SceneNavigator's rules in Node with a fake camera and a hand-driven animation clock: bounds of
 * next / prev / goToId, the scene's state lands at once while the point glides, a 1D scene leaves
 * the 3D camera alone, and only a link that asks for the scene itself applies it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { SceneNavigator, type SceneCamera } from '../../src/app/SceneNavigator';
import { formatPose } from '../../src/lectures/tween';
import { resolveScene } from '../../src/lectures/validateScene';
import type { LectureScene, PoseNumbers } from '../../src/lectures/types';
import { Store } from '../../src/state/Store';
import { defaultState, type LabState } from '../../src/state/schema';
import { installFakeFrames, type FakeFrames } from './fakeFrames';

const POSE_A: PoseNumbers = [1, -2, 3, 0, 0, 0];

const SCENES: readonly LectureScene[] = [
  { id: 'a', title: 'A', caption: '', state: { preset: 'double-well', x: 1, y: 0, order: 3 }, camera: POSE_A },
  { id: 'b', title: 'B', caption: '', state: { preset: 'double-well', x: -1, y: 0.5, showContours: false } },
  { id: 'c', title: 'C', caption: '', state: { mode: '1d', preset1d: 'day42-cubic', x: 0.25, y: -0.25 }, camera: [5, 5, 5, 0, 0, 0] },
];

/** A camera that records each flight; a flight of 0 ms writes the pose to the state at once, as CameraSync does. */
function fakeCamera(store: Store): SceneCamera & { flights: { target: PoseNumbers | null; durationMs: number }[] } {
  const flights: { target: PoseNumbers | null; durationMs: number }[] = [];
  return {
    flights,
    animateTo(target, durationMs) {
      flights.push({ target, durationMs });
      if (durationMs <= 0) store.set({ camera: target === null ? '' : formatPose(target) });
    },
  };
}

let frames: FakeFrames;
beforeEach(() => {
  frames = installFakeFrames();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function setup(initial: Partial<LabState> = {}) {
  const store = new Store({ ...defaultState(), x: 0, y: 0, ...initial });
  const camera = fakeCamera(store);
  const navigator = new SceneNavigator(store, camera, SCENES, 600);
  const changes: (keyof LabState)[][] = [];
  store.subscribe((_, changed) => changes.push([...changed]));
  return { store, camera, navigator, changes };
}

describe('SceneNavigator: next, prev and goToId stay in bounds', () => {
  it('next from no scene goes to the first, then on, and stays on the last', () => {
    const { store, navigator } = setup();
    expect(navigator.currentIndex()).toBe(-1);
    navigator.next();
    expect(store.get().scene).toBe('a');
    navigator.next();
    navigator.next();
    expect(store.get().scene).toBe('c');
    navigator.next();
    expect(navigator.currentIndex()).toBe(2);
  });

  it('prev from no scene goes to the first, and stays on the first', () => {
    const { store, navigator } = setup();
    navigator.prev();
    expect(store.get().scene).toBe('a');
    navigator.prev();
    expect(store.get().scene).toBe('a');
    navigator.goTo(2);
    navigator.prev();
    expect(store.get().scene).toBe('b');
  });

  it('goToId: true and applied for a known id; false and nothing changed for an unknown one', () => {
    const { store, navigator, camera, changes } = setup();
    expect(navigator.goToId('nope')).toBe(false);
    expect(changes).toEqual([]);
    expect(camera.flights).toEqual([]);
    expect(navigator.goToId('b')).toBe(true);
    expect(store.get().scene).toBe('b');
  });

  it('goTo an index outside the list does nothing', () => {
    const { navigator, changes } = setup();
    navigator.goTo(3);
    navigator.goTo(-1);
    expect(changes).toEqual([]);
  });
});

describe('SceneNavigator: state at once, point and camera animated', () => {
  it('the scene state lands in one change before any frame; the point glides there by x, y changes only', () => {
    const { store, navigator, changes } = setup({ order: 2 });
    navigator.goToId('a');
    // One notification with the scene's settings, the point still where it was.
    expect(changes).toHaveLength(1);
    expect(changes[0]).toContain('order');
    expect(changes[0]).not.toContain('x');
    expect([store.get().order, store.get().scene, store.get().x, store.get().y]).toEqual([3, 'a', 0, 0]);
    frames.frame(300);
    const mid = store.get().x;
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(1);
    frames.runAll();
    expect([store.get().x, store.get().y]).toEqual([1, 0]);
    // Every change after the first moved the point only: a glide never recomputes the grid.
    for (const keys of changes.slice(1)) expect(keys.every((k) => k === 'x' || k === 'y')).toBe(true);
    expect(frames.pending()).toBe(0);
  });

  it('the camera flies to the scene pose, or to the default view (null) when the scene has none', () => {
    const { navigator, camera } = setup();
    navigator.goToId('a');
    navigator.goToId('b', 250);
    expect(camera.flights).toEqual([
      { target: POSE_A, durationMs: 600 },
      { target: null, durationMs: 250 },
    ]);
  });

  it('a new scene stops the glide towards the old one', () => {
    const { store, navigator } = setup();
    navigator.goToId('a');
    frames.frame(100);
    // A shorter flight ends first: a glide left running would then pull the point back to a's.
    navigator.goToId('b', 100);
    frames.runAll();
    expect([store.get().x, store.get().y]).toEqual([-1, 0.5]);
    expect(store.get().scene).toBe('b');
  });

  it('dispose stops the glide where it is', () => {
    const { store, navigator } = setup();
    navigator.goToId('a');
    frames.frame(300);
    const at = store.get().x;
    navigator.dispose();
    frames.runAll();
    expect(store.get().x).toBe(at);
    expect(frames.pending()).toBe(0);
  });

  it('duration 0 puts the point there at once, with no frame', () => {
    const { store, navigator } = setup();
    navigator.goToId('b', 0);
    expect([store.get().x, store.get().y]).toEqual([-1, 0.5]);
    expect(frames.pending()).toBe(0);
  });

  it('a 1D scene leaves the hidden 3D camera alone and sets the point at once', () => {
    const { store, navigator, camera } = setup({ camera: '9,9,9,0,0,0' });
    navigator.goToId('c');
    expect(camera.flights).toEqual([]);
    expect(store.get().camera).toBe('9,9,9,0,0,0');
    expect([store.get().mode, store.get().x, store.get().y]).toEqual(['1d', 0.25, -0.25]);
    expect(frames.pending()).toBe(0);
  });
});

describe('SceneNavigator.applyFromLink', () => {
  it('a link with only the scene (plus v, theme or camera) applies it at once', () => {
    for (const hash of ['#scene=b', '#v=1&scene=b', '#scene=b&theme=dark']) {
      const { store, navigator, camera } = setup();
      expect(navigator.applyFromLink(hash)).toBe(true);
      expect([store.get().scene, store.get().showContours, store.get().x, store.get().y]).toEqual(['b', false, -1, 0.5]);
      expect(camera.flights).toEqual([{ target: null, durationMs: 0 }]);
      expect(frames.pending()).toBe(0);
    }
  });

  it('a full permalink that names a scene does not apply it: the link says exactly what it shows', () => {
    const { navigator, changes, camera } = setup({ scene: 'b', showContours: true, x: 0.3 });
    expect(navigator.applyFromLink('#v=1&scene=b&x=0.3&showContours=1')).toBe(false);
    expect(navigator.applyFromLink('#scene=b&order=3')).toBe(false);
    expect(changes).toEqual([]);
    expect(camera.flights).toEqual([]);
  });

  it('no scene, or an unknown one, applies nothing', () => {
    const { navigator, changes } = setup();
    expect(navigator.applyFromLink('')).toBe(false);
    expect(navigator.applyFromLink('#theme=dark')).toBe(false);
    expect(navigator.applyFromLink('#scene=nope')).toBe(false);
    expect(changes).toEqual([]);
  });

  it('a grid N written in the link wins over the scene\'s, in the same change (one grid pass)', () => {
    // The store already holds the link's N (PermalinkSync decoded it before the handler runs).
    const { store, navigator, changes } = setup({ n: 64 });
    expect(navigator.applyFromLink('#scene=b&theme=dark&n=64')).toBe(true);
    expect([store.get().scene, store.get().n, store.get().x, store.get().y]).toEqual(['b', 64, -1, 0.5]);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.some((keys) => keys.includes('n')), 'N never left the link\'s value').toBe(false);
    // A scene whose preset sets N (the network's 64) still takes the link's, without passing
    // through 64 (which would start a second grid pass).
    const network: LectureScene = { id: 'net', title: 'Net', caption: '', state: { preset: 'network' } };
    const store2 = new Store({ ...defaultState(), n: 32 });
    const nav2 = new SceneNavigator(store2, fakeCamera(store2), [network], 600);
    const changes2: (keyof LabState)[][] = [];
    store2.subscribe((_, changed) => changes2.push([...changed]));
    expect(resolveScene(network).n).toBe(64);
    expect(nav2.applyFromLink('#scene=net&n=32')).toBe(true);
    expect([store2.get().landscape, store2.get().n]).toEqual(['network', 32]);
    expect(changes2.some((keys) => keys.includes('landscape'))).toBe(true);
    expect(changes2.some((keys) => keys.includes('n'))).toBe(false);
    // Without N in the link the scene's own (or the current one) stays.
    const nav3 = new SceneNavigator(store2, fakeCamera(store2), [network], 600);
    expect(nav3.applyFromLink('#scene=net')).toBe(true);
    expect(store2.get().n).toBe(64);
  });

  it('a camera written in the link wins over the scene pose', () => {
    // The store already holds the link's camera (PermalinkSync decoded it before the handler runs).
    const { store, navigator } = setup({ camera: '4,4,4,0,0,0' });
    expect(navigator.applyFromLink('#scene=a&camera=4,4,4,0,0,0')).toBe(true);
    expect(store.get().camera).toBe('4,4,4,0,0,0');
    // Without one in the link, the scene's own pose is written.
    const other = setup({ camera: '4,4,4,0,0,0' });
    expect(other.navigator.applyFromLink('#scene=a')).toBe(true);
    expect(other.store.get().camera).toBe(formatPose(POSE_A));
  });
});
