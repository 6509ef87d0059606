// Height field displaced on the GPU: position.xy holds the grid's (u, v) in [0, 1]; the texel
// (i, j) of uT1 = (f, gx, gy, hxx) and uT2 = (hxy, hyy, valid, 0) gives height and derivatives.
// Prepended by transform.glsl and the generated taylorEval (src/scene/taylorGlsl.ts).
uniform highp sampler2D uT1;
uniform highp sampler2D uT2;
uniform int uN;
uniform float uErrScale;
uniform int uColorMode;

// Samples along the segment from the expansion point to a vertex for the trust region.
#define TRUST_SAMPLES 16

out vec2 vXY;
out float vF;
out vec2 vGrad;
out vec3 vHess;
out float vValid;
out float vZ;
out float vLogErr;
out float vLogSegErr;
out vec3 vWorldPos;

// Bilinear f at data (x, y) from T1; valid = 0 when the nearest grid point is a gap.
float heightAt(vec2 xy, out float valid) {
  vec2 g = clamp((xy - uDomain.xy) / (uDomain.zw - uDomain.xy), 0.0, 1.0) * float(uN - 1);
  ivec2 i0 = min(ivec2(floor(g)), ivec2(uN - 2));
  vec2 t = g - vec2(i0);
  float f00 = texelFetch(uT1, i0, 0).x;
  float f10 = texelFetch(uT1, i0 + ivec2(1, 0), 0).x;
  float f01 = texelFetch(uT1, i0 + ivec2(0, 1), 0).x;
  float f11 = texelFetch(uT1, i0 + ivec2(1, 1), 0).x;
  valid = texelFetch(uT2, ivec2(g + 0.5), 0).z;
  return mix(mix(f00, f10, t.x), mix(f01, f11, t.x), t.y);
}

// Largest relative model error on the segment from the point to xy, capped at 10 (gaps count as
// 10): the cap keeps vertices on both sides of a gap's shadow from drawing spurious outlines. The
// trust region is where the model stays within tolerance all the way out from the point, a
// star-shaped region, not the scattered set where f - T_k merely happens to cross zero.
float segmentError(vec2 xy, float endError) {
  float worst = endError;
  vec2 tg;
  for (int k = 1; k < TRUST_SAMPLES; k++) {
    vec2 d = (xy - uPoint) * (float(k) / float(TRUST_SAMPLES));
    float valid;
    float f = heightAt(uPoint + d, valid);
    float err = valid > 0.5 ? abs(f - taylorEval(d, tg)) / uErrScale : 10.0;
    worst = max(worst, err);
  }
  return min(worst, 10.0);
}

void main() {
  ivec2 ij = ivec2(position.xy * float(uN - 1) + 0.5);
  vec4 a = texelFetch(uT1, ij, 0);
  vec4 b = texelFetch(uT2, ij, 0);
  vec2 xy = mix(uDomain.xy, uDomain.zw, position.xy);
  vec3 p = dataToWorld(xy, a.x);
  vXY = xy;
  vF = a.x;
  vGrad = a.yz;
  vHess = vec3(a.w, b.x, b.y);
  vValid = b.z;
  vZ = p.z;
  // Model error at the vertex, where f is exact; interpolating log10 avoids the linear
  // interpolation floor of f inside a cell.
  // Only the model-error mode needs the Taylor model here (a uniform branch: cheap to skip).
  vLogErr = 0.0;
  vLogSegErr = 0.0;
  if (uColorMode == 5) {
    vec2 tg;
    float err = abs(a.x - taylorEval(xy - uPoint, tg)) / uErrScale;
    vLogErr = log(max(err, 1e-30)) * 0.4342944819;
    vLogSegErr = log(max(segmentError(xy, err), 1e-30)) * 0.4342944819;
  }
  vec4 world = modelMatrix * vec4(p, 1.0);
  vWorldPos = world.xyz;
  gl_Position = projectionMatrix * viewMatrix * world;
}
