// Item 9: an object branded as a racehunt model that is not one.
export const fake = { racehunt: 'model', name: 'fake', actions: 'none' };
