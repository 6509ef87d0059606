// Bivariate Taylor polynomial, layout of src/core/taylorLayout.ts: the coefficient of
// dx^i dy^j sits at index deg (deg + 1) / 2 + j with deg = i + j. Evaluated in the offsets
// (dx, dy) from the expansion point so float32 does not cancel large absolute coordinates.
// src/scene/taylorPatchCpu.ts mirrors this loop line by line for the unit tests.
uniform float uCoeffs[28];
uniform int uOrder;
uniform vec2 uPoint;

float taylorEval(vec2 d, out vec2 grad) {
  float px[7];
  float py[7];
  px[0] = 1.0;
  py[0] = 1.0;
  for (int k = 1; k < 7; k++) {
    px[k] = px[k - 1] * d.x;
    py[k] = py[k - 1] * d.y;
  }
  float value = 0.0;
  grad = vec2(0.0);
  for (int deg = 0; deg < 7; deg++) {
    if (deg > uOrder) break;
    int base = deg * (deg + 1) / 2;
    for (int j = 0; j <= deg; j++) {
      int i = deg - j;
      float c = uCoeffs[base + j];
      value += c * px[i] * py[j];
      grad.x += c * float(i) * px[max(i - 1, 0)] * py[j];
      grad.y += c * float(j) * px[i] * py[max(j - 1, 0)];
    }
  }
  return value;
}
