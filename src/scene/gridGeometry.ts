import { BufferAttribute, BufferGeometry } from 'three';

/**
 * A regular nx x ny vertex grid whose positions are only parameters (u, v, 0), u from u0 to u1 and
 * v from v0 to v1 (x fastest, like GridField), triangulated into two triangles per cell; shaders
 * turn the parameters into world positions, so the geometry is built once per size.
 */
export function createGridGeometry(nx: number, ny: number, u0: number, u1: number, v0: number, v1: number): BufferGeometry {
  const positions = new Float32Array(nx * ny * 3);
  for (let j = 0; j < ny; j++) {
    const v = v0 + ((v1 - v0) * j) / (ny - 1);
    for (let i = 0; i < nx; i++) {
      const k = 3 * (j * nx + i);
      positions[k] = u0 + ((u1 - u0) * i) / (nx - 1);
      positions[k + 1] = v;
    }
  }
  const cells = (nx - 1) * (ny - 1);
  const index = nx * ny > 65535 ? new Uint32Array(cells * 6) : new Uint16Array(cells * 6);
  let t = 0;
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const a = j * nx + i;
      const b = a + 1;
      const c = a + nx;
      const d = c + 1;
      index[t++] = a;
      index[t++] = b;
      index[t++] = d;
      index[t++] = a;
      index[t++] = d;
      index[t++] = c;
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setIndex(new BufferAttribute(index, 1));
  return geometry;
}
