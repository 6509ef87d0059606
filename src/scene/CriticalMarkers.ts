import { Group, Mesh, MeshStandardMaterial, SphereGeometry, TorusGeometry, Vector3 } from 'three';
import type { GridField } from '../core/types';
import { createGhostMaterial } from './ghostMaterial';
import type { SurfaceTransform } from './SurfaceTransform';

/** A critical point as the scene draws it: where, its class, and f there (absent: read off the grid). */
export interface CriticalMarkerPoint {
  readonly x: number;
  readonly y: number;
  readonly cls: string;
  readonly f?: number;
}

/** The fold of a family near the current λ: where two critical points merge (det H = 0). */
export interface FoldMark {
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly lambda: number;
}

/** Marker colours by class: minima green, saddles amber, maxima red, anything else grey. */
export const CRITICAL_COLORS: Readonly<Record<string, string>> = {
  minimum: '#2ecc71',
  saddle: '#f5a623',
  maximum: '#e74c3c',
  degenerate: '#b0b0b0',
};
/** Fold ring colour (distinct from every class). */
export const FOLD_COLOR = '#d63cff';
/** Marker radius in world units (smaller than the expansion point's). */
export const CRITICAL_RADIUS = 0.03;
const FOLD_RING_RADIUS = 0.085;

/** f at (x, y) by bilinear interpolation of the grid (NaN outside it). */
export function sampleGrid(grid: GridField, x: number, y: number): number {
  const { n, domain } = grid;
  const u = ((x - domain.xmin) / (domain.xmax - domain.xmin)) * (n - 1);
  const v = ((y - domain.ymin) / (domain.ymax - domain.ymin)) * (n - 1);
  if (!(u >= 0 && u <= n - 1 && v >= 0 && v <= n - 1)) return NaN;
  const i = Math.min(n - 2, Math.floor(u));
  const j = Math.min(n - 2, Math.floor(v));
  const a = u - i;
  const b = v - j;
  const f = (ii: number, jj: number): number => grid.f[jj * n + ii];
  return (1 - a) * (1 - b) * f(i, j) + a * (1 - b) * f(i + 1, j) + (1 - a) * b * f(i, j + 1) + a * b * f(i + 1, j + 1);
}

/**
 * The critical points of the landscape on the surface (one sphere each, coloured by class, seen
 * through hills by a ghost twin) and, for a family f(x, y; λ) near a fold, a ring where two of them
 * merge. `points` and `fold` keep what is drawn, in data units, for readouts and tests.
 */
export class CriticalMarkers extends Group {
  private readonly sphere = new SphereGeometry(1, 20, 10);
  private readonly torus = new TorusGeometry(1, 0.12, 8, 40);
  private readonly materials = new Map<string, MeshStandardMaterial>();
  private readonly ghosts = new Map<string, MeshStandardMaterial>();
  private readonly ring: Mesh<TorusGeometry, MeshStandardMaterial>;
  private readonly ringMaterial = new MeshStandardMaterial({ color: FOLD_COLOR, emissive: FOLD_COLOR, emissiveIntensity: 0.4, roughness: 0.4 });
  private readonly ringGhost = createGhostMaterial(this.ringMaterial);
  private readonly spheres = new Group();
  private drawn: CriticalMarkerPoint[] = [];
  private foldMark: FoldMark | null = null;

  /** Builds the (empty, hidden) ring; spheres come with update. */
  constructor() {
    super();
    this.name = 'CriticalMarkers';
    this.ring = new Mesh(this.torus, this.ringMaterial);
    this.ring.add(new Mesh(this.torus, this.ringGhost));
    this.ring.scale.setScalar(FOLD_RING_RADIUS);
    this.ring.visible = false;
    this.ring.name = 'FoldRing';
    this.add(this.spheres, this.ring);
  }

  /** The points drawn now (data units; f filled in from the grid where it was absent). */
  get points(): readonly CriticalMarkerPoint[] {
    return this.drawn;
  }

  /** The fold ringed now, or null. */
  get fold(): FoldMark | null {
    return this.foldMark;
  }

  /** World positions of the spheres drawn now, in the order of `points`. */
  get worldPositions(): Vector3[] {
    return this.spheres.children.map((c) => c.position.clone());
  }

  /** World position of the fold ring, or null when hidden. */
  get foldWorldPosition(): Vector3 | null {
    return this.ring.visible ? this.ring.position.clone() : null;
  }

  /** Places one sphere per point on the surface (points off the grid or with no finite f are skipped). */
  update(points: readonly CriticalMarkerPoint[], transform: SurfaceTransform | null, grid: GridField | null): void {
    for (const c of [...this.spheres.children]) this.spheres.remove(c);
    this.drawn = [];
    if (transform === null || grid === null) return;
    for (const p of points) {
      const f = p.f !== undefined && Number.isFinite(p.f) ? p.f : sampleGrid(grid, p.x, p.y);
      if (!Number.isFinite(f + p.x + p.y)) continue;
      const mesh = new Mesh(this.sphere, this.material(p.cls));
      mesh.add(new Mesh(this.sphere, this.ghost(p.cls)));
      transform.toWorld(p.x, p.y, f, mesh.position);
      mesh.scale.setScalar(CRITICAL_RADIUS);
      mesh.name = `critical-${p.cls}`;
      this.spheres.add(mesh);
      this.drawn.push({ x: p.x, y: p.y, cls: p.cls, f });
    }
  }

  /** Rings the fold on the surface, or hides the ring (null). */
  setFold(fold: FoldMark | null, transform: SurfaceTransform | null): void {
    this.foldMark = fold !== null && transform !== null && Number.isFinite(fold.x + fold.y + fold.f) ? fold : null;
    this.ring.visible = this.foldMark !== null;
    if (this.foldMark && transform) transform.toWorld(this.foldMark.x, this.foldMark.y, this.foldMark.f, this.ring.position);
  }

  /** Frees the shared geometries and every material. */
  override dispose(): void {
    super.dispose();
    this.sphere.dispose();
    this.torus.dispose();
    for (const m of this.materials.values()) m.dispose();
    for (const m of this.ghosts.values()) m.dispose();
    this.ringMaterial.dispose();
    this.ringGhost.dispose();
  }

  private material(cls: string): MeshStandardMaterial {
    let m = this.materials.get(cls);
    if (!m) {
      m = new MeshStandardMaterial({ color: CRITICAL_COLORS[cls] ?? CRITICAL_COLORS.degenerate, roughness: 0.4 });
      this.materials.set(cls, m);
    }
    return m;
  }

  private ghost(cls: string): MeshStandardMaterial {
    let m = this.ghosts.get(cls);
    if (!m) {
      m = createGhostMaterial(this.material(cls));
      this.ghosts.set(cls, m);
    }
    return m;
  }
}
