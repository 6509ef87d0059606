// Translucent Taylor patch clipped to the disk |(u, v)| <= 1, the domain and the display height
// limit, with faint iso-parameter lines every uGridStep in (u, v) and a rim at the window edge.
// Prepended by transform.glsl, colormaps.glsl and shading.glsl.
uniform vec3 uColor;
uniform float uOpacity;
uniform float uGridStep;

in vec2 vUV;
in vec2 vXY;
in vec2 vGrad;
in float vZ;
in vec3 vWorldPos;

out vec4 fragColor;

void main() {
  float rho = length(vUV);
  float wr = fwidth(rho);
  vec2 q = vUV / uGridStep;
  vec2 wq = fwidth(q);

  if (rho > 1.0 || abs(vZ) > uZLimit) discard;
  if (any(lessThan(vXY, uDomain.xy)) || any(greaterThan(vXY, uDomain.zw))) discard;

  vec3 color = uColor;
  float alpha = uOpacity;
  if (uGridStep > 0.0) {
    vec2 dq = abs(fract(q - 0.5) - 0.5);
    float grid = max(lineMask(dq.x, wq.x, 1.0), lineMask(dq.y, wq.y, 1.0));
    color = mix(color, color * 0.45, grid);
    alpha = mix(alpha, min(1.0, alpha + 0.25), grid);
  }
  float rim = lineMask(1.0 - rho, wr, 3.0);
  color = mix(color, color * 0.6, rim);
  alpha = mix(alpha, min(1.0, alpha + 0.4), rim);
  fragColor = litOutput(color, graphNormal(vGrad), vWorldPos, alpha);
}
