// A property whose check throws once the counter reaches 1.
import { always, base, model, tick } from './kit.ts';

export const propertyThrows = model({
  ...base,
  name: 'property-throws',
  actions: [tick],
  properties: [
    always({
      name: 'small',
      doc: 'n stays small',
      check: (s) => {
        if (s.n >= 1) throw new Error('cannot judge n >= 1');
        return true;
      },
    }),
  ],
});
