// The control: one model exported as default and by name is one model.
import { base, model, tick } from './kit.ts';

export const counter = model({ ...base, name: 'two-names', actions: [tick] });
export default counter;
