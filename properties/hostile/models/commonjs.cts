// Issue #20 item 16: a CommonJS model in TypeScript (`.cts`), written as docs/install.md shows for
// CommonJS packages: `import … = require(…)` of racehunt, an ES module. (Here racehunt is the
// repository's own source; installed, it is `require('racehunt')`.)
import racehunt = require('../../../engine/index.ts');

type S = { n: number };
const { model, action, always } = racehunt.modelKit<S, Record<string, never>, Record<string, never>>();

const counter = model({
  name: 'commonjs-counter',
  title: 'a counter written as CommonJS',
  doc: 'a hostile-corpus model (properties/hostile)',
  params: {},
  variants: { only: { doc: 'the one variant', switches: {} } },
  init: () => ({ n: 0 }),
  actions: [action({ name: 'tick', actor: 'clock', when: (s) => s.n < 3, step: (d) => void (d.n += 1) })],
  properties: [always({ name: 'small', doc: 'n stays below 3', check: (s) => s.n < 3 || `n is ${s.n}` })],
  ends: (s) => s.n >= 3,
});

export = { counter };
