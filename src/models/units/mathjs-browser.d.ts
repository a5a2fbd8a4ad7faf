// The single-file mathjs build loads ~10× faster than the package entry (TOOLCHAIN.md); same API.
declare module 'mathjs/lib/browser/math.js' {
  import type { FactoryFunctionMap, MathJsInstance } from 'mathjs';
  const math: MathJsInstance & { all: FactoryFunctionMap };
  export default math;
}
