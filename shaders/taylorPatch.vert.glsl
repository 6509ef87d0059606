// Taylor model patch: position.xy in [-1, 1]^2 maps to (x0, y0) + uRadius (u, v); the height is
// the Taylor polynomial evaluated in the vertex shader, the normal its analytic gradient.
// Prepended by transform.glsl and the generated taylorEval (src/scene/taylorGlsl.ts).
uniform float uRadius;

out vec2 vUV;
out vec2 vXY;
out vec2 vGrad;
out float vZ;
out vec3 vWorldPos;

void main() {
  vec2 d = position.xy * uRadius;
  vec2 g;
  float model = taylorEval(d, g);
  vec2 xy = uPoint + d;
  vec3 p = dataToWorld(xy, model);
  vUV = position.xy;
  vXY = xy;
  vGrad = g;
  vZ = p.z;
  vec4 world = modelMatrix * vec4(p, 1.0);
  vWorldPos = world.xyz;
  gl_Position = projectionMatrix * viewMatrix * world;
}
