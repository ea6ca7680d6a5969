// A module that throws while it is imported.
throw new Error('this module refuses to load');
