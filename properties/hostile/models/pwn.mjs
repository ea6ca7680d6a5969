// Item 1: a module that writes a file when it is imported. A trace file that names it must never
// make racehunt import it; the corpus runner asserts that the marker file never appears. (Given
// on the command line with --model, it is imported: the control case shows the marker works.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

writeFileSync(join(import.meta.dirname, 'PWNED'), 'this module ran\n');
export const nothing = 0;
