// A model whose name breaks the naming rule: refused when the module builds it.
import { base, model, tick } from './kit.ts';

export const badName = model({ ...base, name: 'Bad Name', actions: [tick] });
