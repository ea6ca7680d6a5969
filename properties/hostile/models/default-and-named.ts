// Issue #20 (also seen): a module exporting a default model and a named one. Which one the user
// meant is not racehunt's guess: it says so, and `#default` or `#other` chooses.
import { base, model, tick } from './kit.ts';

export default model({ ...base, name: 'the-default', actions: [tick] });
export const other = model({ ...base, name: 'the-other', actions: [tick] });
