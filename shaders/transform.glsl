// Data -> world mapping of SurfaceTransform (Z up):
// world = ((x, y) - uCenter) * uXYScale, z = (f - uFMid) * uZScale.
uniform vec2 uCenter;
uniform vec2 uXYScale;
uniform float uFMid;
uniform float uZScale;
uniform float uZLimit;
uniform vec4 uDomain; // xmin, ymin, xmax, ymax

vec3 dataToWorld(vec2 xy, float f) {
  return vec3((xy - uCenter) * uXYScale, (f - uFMid) * uZScale);
}

// Unit normal of the graph of f in world space from its data-space gradient g:
// the cross product of the world tangents (sx, 0, zs gx) and (0, sy, zs gy).
vec3 graphNormal(vec2 g) {
  return normalize(vec3(-uXYScale.y * uZScale * g.x, -uXYScale.x * uZScale * g.y,
                        uXYScale.x * uXYScale.y));
}
