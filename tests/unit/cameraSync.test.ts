/**
 * CameraSync's rules in Node with a fake 3D view and a hand-driven animation clock: an orbit is
 * written to the state once it has settled (never per frame), a flight writes its target at the
 * end, a camera arriving in the state moves the camera without being written back, and the
 * keyboard's orbit and zoom stay off the poles and inside [0.2, 40].
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CameraSync, DEFAULT_POSE_NUMBERS, type CameraHost } from '../../src/app/CameraSync';
import { formatPose } from '../../src/lectures/tween';
import type { PoseNumbers } from '../../src/lectures/types';
import type { CameraPose } from '../../src/scene/Stage';
import { Store } from '../../src/state/Store';
import { defaultState } from '../../src/state/schema';
import { installFakeFrames, type FakeFrames } from './fakeFrames';

type Listener = () => void;

/** A 3D view whose camera the test moves (as the orbit controls would) and whose controls it fires. */
function fakeHost() {
  const listeners = { start: new Set<Listener>(), end: new Set<Listener>() };
  const log = { sets: 0, updatesWithoutDamping: 0, updatesWithDamping: 0 };
  let pose: CameraPose = { position: [0, 0, 10], target: [0, 0, 0] };
  const controls = {
    enableDamping: true,
    update() {
      if (controls.enableDamping) log.updatesWithDamping++;
      else log.updatesWithoutDamping++;
    },
    addEventListener: (type: 'start' | 'end', l: Listener) => void listeners[type].add(l),
    removeEventListener: (type: 'start' | 'end', l: Listener) => void listeners[type].delete(l),
  };
  const host: CameraHost = {
    stage: { controls },
    getCameraPose: () => pose,
    setCameraPose(p) {
      log.sets++;
      pose = { position: [...p.position], target: [...p.target] };
    },
  };
  return {
    host,
    controls,
    log,
    listeners,
    /** The user's hand (or the damping glide) moves the camera: no setCameraPose call. */
    drag(numbers: PoseNumbers) {
      pose = { position: [numbers[0], numbers[1], numbers[2]], target: [numbers[3], numbers[4], numbers[5]] };
    },
    fire: (type: 'start' | 'end') => listeners[type].forEach((l) => l()),
    numbers: (): number[] => [...pose.position, ...pose.target],
  };
}

let frames: FakeFrames;
beforeEach(() => {
  frames = installFakeFrames();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function setup(camera = '') {
  const store = new Store({ ...defaultState(), camera });
  const fake = fakeHost();
  const sync = new CameraSync(store, fake.host);
  const writes: string[] = [];
  store.subscribe((s, changed) => {
    if (changed.has('camera')) writes.push(s.camera);
  });
  return { store, fake, sync, writes };
}

const USER_POSE: PoseNumbers = [1.23456, -2.5, 3, 0.1, 0, 0];

describe('CameraSync: the user orbit is written once it settles', () => {
  it('applies the state camera at start (the default view for an empty one)', () => {
    expect(setup('1,2,3,0,0,0').fake.numbers()).toEqual([1, 2, 3, 0, 0, 0]);
    expect(setup('').fake.numbers()).toEqual([...DEFAULT_POSE_NUMBERS]);
  });

  it('nothing is written while damping still glides; one write once the pose has held for 3 frames', () => {
    const { fake, writes, store } = setup();
    fake.fire('start');
    fake.drag([1, -2, 3, 0, 0, 0]);
    fake.fire('end');
    expect(writes).toEqual([]);
    // The glide goes on for 5 frames after the release.
    for (let i = 0; i < 5; i++) {
      fake.drag([1 + i / 100, -2, 3, 0, 0, 0]);
      frames.frame();
    }
    expect(writes).toEqual([]);
    fake.drag(USER_POSE);
    frames.runAll();
    expect(writes).toEqual([formatPose(USER_POSE)]);
    // The write is not echoed back as a jump: the camera keeps its exact pose, not the 3-decimal one.
    expect(fake.numbers()).toEqual([...USER_POSE]);
    expect(store.get().camera).toBe('1.235,-2.5,3,0.1,0,0');
  });

  it('a pose that keeps moving is written anyway after 10 s', () => {
    const { fake, writes } = setup();
    fake.fire('end');
    let i = 0;
    while (frames.pending() > 0 && i < 2000) {
      fake.drag([1 + ++i / 1000, -2, 3, 0, 0, 0]);
      frames.frame();
    }
    expect(writes).toHaveLength(1);
    expect(frames.now).toBeGreaterThanOrEqual(10_000);
    expect(frames.now).toBeLessThan(10_100);
  });

  it('a click that did not move the camera writes nothing', () => {
    const { fake, writes } = setup();
    fake.fire('start');
    fake.fire('end');
    frames.runAll();
    expect(writes).toEqual([]);
  });

  it('a new gesture before the pose settles cancels the pending write; its own end writes once', () => {
    const { fake, writes } = setup();
    fake.fire('start');
    fake.drag([1, -2, 3, 0, 0, 0]);
    fake.fire('end');
    frames.frame();
    fake.fire('start');
    expect(frames.pending()).toBe(0);
    fake.drag(USER_POSE);
    fake.fire('end');
    frames.runAll();
    expect(writes).toEqual([formatPose(USER_POSE)]);
  });

  it('a second end event while settling starts no second wait: the next start cancels the only one', () => {
    const { fake, writes } = setup();
    fake.drag(USER_POSE);
    fake.fire('end');
    fake.fire('end');
    fake.fire('start');
    expect(frames.pending()).toBe(0);
    frames.runAll();
    expect(writes).toEqual([]);
  });
});

describe('CameraSync: flights and state changes', () => {
  it('animateTo moves the camera each frame and writes the target only at the end', () => {
    const { sync, fake, writes } = setup();
    const target: PoseNumbers = [4, 4, 4, 0, 0, 1];
    sync.animateTo(target, 600);
    frames.frame(300);
    const mid = fake.numbers();
    expect(mid[0]).toBeGreaterThan(0);
    expect(mid[0]).toBeLessThan(4);
    expect(writes).toEqual([]);
    frames.runAll();
    expect(writes).toEqual(['4,4,4,0,0,1']);
    expect(fake.numbers()).toEqual([...target]);
  });

  it('animateTo(null) flies to the default view and writes the empty camera', () => {
    const { sync, fake, writes, store } = setup('4,4,4,0,0,0');
    sync.animateTo(null, 0);
    expect(fake.numbers()).toEqual([...DEFAULT_POSE_NUMBERS]);
    expect(writes).toEqual(['']);
    expect(store.get().camera).toBe('');
  });

  it('a camera arriving in the state (link, Back) moves the camera at once and is not written back', () => {
    const { store, fake, writes } = setup();
    store.set({ camera: '1,2,3,0,0,0' });
    expect(fake.numbers()).toEqual([1, 2, 3, 0, 0, 0]);
    expect(writes).toEqual(['1,2,3,0,0,0']);
    expect(frames.pending()).toBe(0);
    // A camera that is no pose is the default view.
    store.set({ camera: 'junk' });
    expect(fake.numbers()).toEqual([...DEFAULT_POSE_NUMBERS]);
    expect(writes).toEqual(['1,2,3,0,0,0', 'junk']);
  });

  it('a state camera during a flight wins: the flight stops and writes nothing', () => {
    const { store, sync, fake, writes } = setup();
    sync.animateTo([4, 4, 4, 0, 0, 0], 600);
    frames.frame(100);
    store.set({ camera: '1,2,3,0,0,0' });
    frames.runAll();
    expect(fake.numbers()).toEqual([1, 2, 3, 0, 0, 0]);
    expect(writes).toEqual(['1,2,3,0,0,0']);
  });

  it('setting a pose first spends the damping glide with one undamped update, then damping is back on', () => {
    const { store, fake } = setup();
    const before = fake.log.updatesWithoutDamping;
    store.set({ camera: '1,2,3,0,0,0' });
    expect(fake.log.updatesWithoutDamping).toBe(before + 1);
    expect(fake.log.updatesWithDamping).toBe(0);
    expect(fake.controls.enableDamping).toBe(true);
  });

  it('dispose stops following the state and the controls', () => {
    const { store, sync, fake, writes } = setup();
    fake.drag(USER_POSE);
    fake.fire('end');
    sync.dispose();
    // The pending write of the last gesture is dropped too.
    expect(frames.pending()).toBe(0);
    frames.runAll();
    expect(fake.listeners.end.size + fake.listeners.start.size).toBe(0);
    store.set({ camera: '1,2,3,0,0,0' });
    expect(fake.numbers()).toEqual([...USER_POSE]);
    expect(writes).toEqual(['1,2,3,0,0,0']);
  });
});

describe('CameraSync: keyboard orbit and zoom', () => {
  /** Distance to the target and polar angle from +Z of the camera's offset. */
  function spherical(n: number[]) {
    const o = [n[0] - n[3], n[1] - n[4], n[2] - n[5]];
    const r = Math.hypot(o[0], o[1], o[2]);
    return { r, polar: Math.acos(o[2] / r), azimuth: Math.atan2(o[1], o[0]) };
  }

  it('orbit turns about the target, keeps the distance, and writes the pose once', () => {
    const { sync, fake, writes } = setup('3,0,1,0,0,1');
    sync.orbit(Math.PI / 2, 0);
    const n = fake.numbers();
    expect(n[0]).toBeCloseTo(0, 12);
    expect(n[1]).toBeCloseTo(3, 12);
    expect(n[2]).toBeCloseTo(1, 12);
    expect(n.slice(3)).toEqual([0, 0, 1]);
    expect(writes).toEqual(['0,3,1,0,0,1']);
  });

  it('orbit up or down stops 0.05 rad off the poles', () => {
    const { sync, fake } = setup('3,0,1,0,0,1');
    sync.orbit(0, 10);
    expect(spherical(fake.numbers()).polar).toBeCloseTo(0.05, 12);
    expect(spherical(fake.numbers()).r).toBeCloseTo(3, 12);
    sync.orbit(0, -10);
    expect(spherical(fake.numbers()).polar).toBeCloseTo(Math.PI - 0.05, 12);
  });

  it('zoom scales the distance along the same direction, kept in [0.2, 40]', () => {
    const { sync, fake, writes } = setup('3,0,4,0,0,0');
    sync.zoom(0.5);
    expect(fake.numbers()).toEqual([1.5, 0, 2, 0, 0, 0]);
    sync.zoom(1e-6);
    expect(spherical(fake.numbers()).r).toBeCloseTo(0.2, 12);
    expect(spherical(fake.numbers()).polar).toBeCloseTo(Math.atan2(3, 4), 12);
    sync.zoom(1e6);
    expect(spherical(fake.numbers()).r).toBeCloseTo(40, 12);
    expect(writes).toEqual(['1.5,0,2,0,0,0', '0.12,0,0.16,0,0,0', '24,0,32,0,0,0']);
  });

  it('a key press during a flight stops it: the flight writes nothing later', () => {
    const { sync, writes } = setup('3,0,4,0,0,0');
    sync.animateTo([9, 9, 9, 0, 0, 0], 600);
    frames.frame(100);
    sync.zoom(1);
    frames.runAll();
    expect(writes).toHaveLength(1);
    expect(writes[0]).not.toBe('9,9,9,0,0,0');
  });
});
