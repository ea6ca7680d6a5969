// Issue #20 item 9: thrown values with no string form. Each export throws one (from a step, a
// guard, a property or init): the one line still names the culprit and says what was thrown.
import { action, always, base, model } from './kit.ts';

const nullProto = () => Object.assign(Object.create(null) as object, { reason: 'no prototype' });
const badToString = () => ({
  toString() {
    throw new Error('toString broke');
  },
});
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const throwing = (name: string, value: () => unknown, where: 'step' | 'guard' | 'property' | 'init') =>
  model({
    ...base,
    name,
    ...(where === 'init'
      ? {
          init: () => {
            throw value();
          },
        }
      : {}),
    properties:
      where === 'property'
        ? [
            always({
              name: 'small',
              doc: 'n stays small',
              check: (s) => {
                if (s.n === 2) throw value();
                return true;
              },
            }),
          ]
        : base.properties,
    actions: [
      action({
        name: 'tick',
        actor: 'clock',
        when: (s) => {
          if (where === 'guard' && s.n === 1) throw value();
          return s.n < 3;
        },
        step: (d) => {
          if (where === 'step' && d.n === 1) throw value();
          d.n += 1;
        },
      }),
    ],
  });

export const stepNullProto = throwing('step-null-proto', nullProto, 'step');
export const stepBadToString = throwing('step-bad-tostring', badToString, 'step');
export const stepRevokedProxy = throwing('step-revoked-proxy', revoked, 'step');
export const stepSymbol = throwing('step-symbol', () => Symbol('thrown'), 'step');
export const stepUndefined = throwing('step-undefined', () => undefined, 'step');
export const guardNullProto = throwing('guard-null-proto', nullProto, 'guard');
export const propertyBadToString = throwing('property-bad-tostring', badToString, 'property');
export const initNullProto = throwing('init-null-proto', nullProto, 'init');
export const stepHugeMessage = throwing('step-huge-message', () => new Error('x'.repeat(100_000)), 'step');
