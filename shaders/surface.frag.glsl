// Surface colouring: mode 0 height, 1 |grad f|, 2 lambda_min, 3 lambda_max, 4 curvature class,
// 5 log10 model error with the outline of the trust region (where the error stays below the
// tolerance along the whole segment from the point); optional contours of f and step rings.
// Prepended by transform.glsl, colormaps.glsl and shading.glsl.
uniform int uColorMode;
uniform vec2 uHeightRange;
uniform float uGradMax;
uniform float uLambdaScale;
uniform float uFlatFraction;
uniform vec3 uConvexColor;
uniform vec3 uConcaveColor;
uniform vec3 uSaddleColor;
uniform vec3 uFlatColor;
uniform vec2 uErrDecades;
uniform float uLogTol;
uniform vec3 uTrustColor;
uniform bool uShowContours;
uniform float uContourBase;
uniform float uContourStep;
uniform bool uShowRings;
uniform float uRingBase;
uniform int uRingCount;
uniform vec3 uRingColor;
uniform vec2 uPoint;

in vec2 vXY;
in float vF;
in vec2 vGrad;
in vec3 vHess;
in float vValid;
in float vZ;
in float vLogErr;
in float vLogSegErr;
in vec3 vWorldPos;

out vec4 fragColor;

vec2 eigenvalues(vec3 h) {
  float m = 0.5 * (h.x + h.z);
  float r = sqrt(0.25 * (h.x - h.z) * (h.x - h.z) + h.y * h.y);
  return vec2(m - r, m + r);
}

vec3 curvatureClass(vec2 lam) {
  float eps = uFlatFraction * uLambdaScale;
  if (max(abs(lam.x), abs(lam.y)) < eps) return uFlatColor;
  if (lam.x >= -eps) return uConvexColor;
  if (lam.y <= eps) return uConcaveColor;
  return uSaddleColor;
}

vec3 baseColor(vec2 lam) {
  if (uColorMode == 1) return viridis(length(vGrad) / uGradMax);
  if (uColorMode == 2) return diverging(lam.x / uLambdaScale);
  if (uColorMode == 3) return diverging(lam.y / uLambdaScale);
  if (uColorMode == 4) return curvatureClass(lam);
  if (uColorMode == 5) return magma((vLogErr - uErrDecades.x) / (uErrDecades.y - uErrDecades.x));
  return viridis((vF - uHeightRange.x) / (uHeightRange.y - uHeightRange.x));
}

void main() {
  // Derivatives first: they are undefined after a discard or inside non-uniform branches.
  float q = (vF - uContourBase) / uContourStep;
  float wq = fwidth(q);
  float rho = length(vXY - uPoint);
  float wr = fwidth(rho);
  float e = vLogSegErr - uLogTol;
  float we = fwidth(e);

  if (vValid < 0.999 || abs(vZ) > uZLimit) discard;

  vec2 lam = eigenvalues(vHess);
  vec3 color = baseColor(lam);

  if (uShowContours) {
    float dq = abs(fract(q - 0.5) - 0.5);
    // Fade contours out where they would be closer than a few pixels (steep walls).
    float a = lineMask(dq, wq, 1.2) * (1.0 - smoothstep(0.15, 0.4, wq));
    color = mix(color, vec3(0.08), 0.55 * a);
  }
  if (uColorMode == 5) {
    // A jump of many decades within a pixel (edge of a gap's shadow) is not a tolerance crossing.
    float keep = 1.0 - smoothstep(0.3, 0.8, we);
    color = mix(color, vec3(0.0), 0.6 * keep * lineMask(abs(e), we, 4.5));
    color = mix(color, uTrustColor, keep * lineMask(abs(e), we, 2.0));
  }
  if (uShowRings && uRingCount > 0) {
    float d = 1e30;
    float radius = uRingBase;
    for (int k = 0; k < 12; k++) {
      if (k >= uRingCount) break;
      d = min(d, abs(rho - radius));
      radius *= 2.0;
    }
    color = mix(color, vec3(0.0), 0.5 * lineMask(d, wr, 4.0));
    color = mix(color, uRingColor, lineMask(d, wr, 1.6));
  }
  fragColor = litOutput(color, graphNormal(vGrad), vWorldPos, 1.0);
}
