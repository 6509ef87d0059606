import { describe, expect, it } from 'vitest';
import { Vector3 } from 'three';
import type { BufferGeometry, EventDispatcher, Material, Mesh, Object3D, Texture } from 'three';
import { AxesBox } from '../../src/scene/AxesBox';
import { EigenAxes } from '../../src/scene/EigenAxes';
import { GradientArrow } from '../../src/scene/GradientArrow';
import { PointMarker } from '../../src/scene/PointMarker';
import { Surface } from '../../src/scene/Surface';
import { SurfaceTransform } from '../../src/scene/SurfaceTransform';
import { TaylorPatch } from '../../src/scene/TaylorPatch';
import { fakeElement, paraboloid, type FakeElement } from './sceneFixtures';

type Disposable = EventDispatcher<{ dispose: object }>;

/** Every geometry, material and texture reachable from an object (materials' uniform textures too). */
function gpuResources(root: Object3D): Disposable[] {
  const found = new Set<Disposable>();
  root.traverse((o) => {
    const mesh = o as Mesh;
    if (mesh.geometry) found.add(mesh.geometry as unknown as Disposable);
    const materials = mesh.material ? ([] as Material[]).concat(mesh.material) : [];
    for (const m of materials) {
      found.add(m as unknown as Disposable);
      const uniforms = (m as Material & { uniforms?: Record<string, { value: unknown }> }).uniforms ?? {};
      for (const u of Object.values(uniforms)) {
        if ((u.value as Texture | null)?.isTexture) found.add(u.value as unknown as Disposable);
      }
    }
  });
  return [...found];
}

/** Calls dispose() and returns the resources that did not fire a 'dispose' event. */
function undisposedAfterDispose(root: Object3D & { dispose(): void }): Disposable[] {
  const resources = gpuResources(root);
  expect(resources.length).toBeGreaterThan(1);
  const fired = new Set<Disposable>();
  for (const r of resources) r.addEventListener('dispose', () => fired.add(r));
  root.dispose();
  return resources.filter((r) => !fired.has(r));
}

function geometryIds(root: Object3D): string[] {
  const ids: string[] = [];
  root.traverse((o) => {
    const g = (o as Mesh).geometry as BufferGeometry | undefined;
    if (g) ids.push(g.uuid);
  });
  return ids;
}

const grid = paraboloid(17);
const transform = SurfaceTransform.fromGrid(grid);
const eigen = { lambda1: 2, lambda2: 8, v1: [1, 0], v2: [0, 1] } as const;
const coeffs = Float64Array.from({ length: 28 }, (_, k) => 1 / (k + 1));
const p = new Vector3(0.1, 0.2, 0.3);
const asElement = (): HTMLElement => fakeElement() as unknown as HTMLElement;

describe('scene objects free their GPU resources', () => {
  it('Surface disposes its geometry, material and both data textures', () => {
    const s = new Surface();
    s.setGrid(grid, transform);
    const resources = gpuResources(s);
    expect(resources.filter((r) => (r as unknown as Texture).isTexture)).toHaveLength(2);
    expect(undisposedAfterDispose(s)).toEqual([]);
  });

  it('Surface rewrites textures in place for the same n and replaces them (disposing the old) for a new n', () => {
    const s = new Surface();
    s.setGrid(grid, transform);
    const geometry = s.geometry.uuid;
    const textures = gpuResources(s).filter((r) => (r as unknown as Texture).isTexture) as unknown as Texture[];
    const disposed: string[] = [];
    for (const t of textures) t.addEventListener('dispose', () => disposed.push(t.uuid));
    for (let k = 0; k < 5; k++) s.setGrid(grid, transform);
    expect(s.geometry.uuid).toBe(geometry);
    expect(disposed).toEqual([]);
    const bigger = paraboloid(33);
    s.setGrid(bigger, SurfaceTransform.fromGrid(bigger));
    expect(s.geometry.uuid).not.toBe(geometry);
    expect(disposed.sort()).toEqual(textures.map((t) => t.uuid).sort());
    expect(s.geometry.getAttribute('position').count).toBe(33 * 33);
    s.dispose();
  });

  it('TaylorPatch disposes its geometry and material and keeps its geometry across 100 updates', () => {
    const patch = new TaylorPatch();
    patch.setTransform(transform);
    const before = geometryIds(patch);
    for (let k = 0; k < 100; k++) patch.update(0.01 * k, -0.01 * k, coeffs, k % 7, 0.5);
    expect(geometryIds(patch)).toEqual(before);
    expect(undisposedAfterDispose(patch)).toEqual([]);
  });

  it('GradientArrow disposes its geometries and material and keeps them across 100 updates', () => {
    const arrow = new GradientArrow();
    const before = geometryIds(arrow);
    for (let k = 0; k < 100; k++) arrow.update(p, 0.5 + k, -1, transform);
    expect(geometryIds(arrow)).toEqual(before);
    expect(arrow.visible).toBe(true);
    expect(undisposedAfterDispose(arrow)).toEqual([]);
  });

  it('EigenAxes disposes its geometry and materials, removes its labels and keeps geometry across 100 updates', () => {
    const elements: FakeElement[] = [];
    const axes = new EigenAxes(() => {
      const e = fakeElement();
      elements.push(e);
      return e as unknown as HTMLElement;
    });
    const before = geometryIds(axes);
    for (let k = 0; k < 100; k++) axes.update(p, eigen, 0.1 * k, 0.2, transform);
    expect(geometryIds(axes)).toEqual(before);
    expect(undisposedAfterDispose(axes)).toEqual([]);
    expect(elements.map((e) => e.removed)).toEqual([true, true]);
  });

  it('PointMarker disposes its geometry and material and keeps its geometry across 100 updates', () => {
    const marker = new PointMarker();
    const before = geometryIds(marker);
    for (let k = 0; k < 100; k++) {
      marker.update(p);
      marker.setHovered(k % 2 === 0);
    }
    expect(geometryIds(marker)).toEqual(before);
    expect(undisposedAfterDispose(marker)).toEqual([]);
  });

  it('AxesBox disposes its line geometries and material and keeps them across updates', () => {
    const box = new AxesBox(asElement);
    const before = geometryIds(box);
    for (let k = 0; k < 10; k++) box.update(transform);
    expect(geometryIds(box)).toEqual(before);
    expect(undisposedAfterDispose(box)).toEqual([]);
  });
});

describe('eigen axes labels', () => {
  it('label each axis with its eigenvalue as text, class eigen-label and data-axis 1 / 2', () => {
    const elements: FakeElement[] = [];
    const axes = new EigenAxes(() => {
      const e = fakeElement();
      elements.push(e);
      return e as unknown as HTMLElement;
    });
    axes.update(p, { lambda1: -3, lambda2: 8, v1: [0.6, 0.8], v2: [-0.8, 0.6] }, 0, 0, transform);
    expect(elements.map((e) => e.className)).toEqual(['eigen-label', 'eigen-label']);
    expect(elements.map((e) => e.getAttribute('data-axis'))).toEqual(['1', '2']);
    expect(elements.map((e) => e.textContent)).toEqual(['λ1 = -3.00', 'λ2 = 8.00']);
    expect(elements.map((e) => e.getAttribute('data-sign'))).toEqual(['neg', 'pos']);
    axes.dispose();
  });
});

describe('gradient arrow', () => {
  it('points along the image of (gx, gy, |g|^2) and hides when the gradient vanishes', () => {
    const arrow = new GradientArrow();
    arrow.update(p, 0.7, -0.4, transform);
    const dir = new Vector3(0, 1, 0).applyQuaternion(arrow.quaternion);
    const expected = transform.worldTangent(0.7, -0.4, 0.7, -0.4, new Vector3()).normalize();
    expect(dir.distanceTo(expected)).toBeLessThan(1e-6);
    arrow.update(p, 0, 0, transform);
    expect(arrow.visible).toBe(false);
    arrow.update(p, 1e-9, 0, transform);
    expect(arrow.visible).toBe(false);
    arrow.dispose();
  });
});
