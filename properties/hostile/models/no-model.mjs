// A module that exports no model at all.
export const notAModel = { name: 'not-a-model' };
