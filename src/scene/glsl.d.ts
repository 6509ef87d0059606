/** Vite `?raw` imports of GLSL sources: the file's text as a string. */
declare module '*.glsl?raw' {
  const source: string;
  export default source;
}
