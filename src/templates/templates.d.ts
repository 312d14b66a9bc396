// Built-in templates and site assets are bundled as text (esbuild `text` loader in scripts/build.mjs;
// the `?raw` plugin in vitest.config.ts does the same under vitest).
declare module '*.hbs' {
  const text: string;
  export default text;
}
declare module '*.client.js' {
  const text: string;
  export default text;
}
