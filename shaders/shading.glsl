// Two-sided lighting in world space: a headlight at the camera plus a weak key light from
// above, ambient, and a small specular highlight. base is linear RGB; n a unit world normal.
vec3 shade(vec3 base, vec3 n, vec3 worldPos) {
  vec3 v = normalize(cameraPosition - worldPos);
  if (dot(n, v) < 0.0) n = -n;
  float head = max(dot(n, v), 0.0);
  float key = max(dot(n, normalize(vec3(0.35, 0.45, 1.0))), 0.0);
  float spec = pow(head, 48.0) * 0.12;
  return base * (0.32 + 0.55 * head + 0.2 * key) + vec3(spec);
}

// sRGB colour -> linear, shade, -> the renderer's output colour space.
vec4 litOutput(vec3 srgb, vec3 n, vec3 worldPos, float alpha) {
  vec3 linear = sRGBTransferEOTF(vec4(srgb, 1.0)).rgb;
  return linearToOutputTexel(vec4(shade(linear, n, worldPos), alpha));
}
