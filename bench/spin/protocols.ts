/** The protocols racehunt and SPIN are compared on: each a racehunt model and its Promela twin, beside this file. */
export interface Protocol {
  readonly name: string;
  /** The racehunt model's module (its only export is the model). */
  readonly module: string;
  readonly params: Readonly<Record<string, number>>;
  /** The Promela file, and the -D definitions that give it the same parameters. */
  readonly promela: string;
  readonly defines: readonly string[];
}

const here = (f: string): string => new URL(f, import.meta.url).href;

export const PROTOCOLS: readonly Protocol[] = [
  {
    name: 'dns-race',
    module: here('./dns-race.ts'),
    params: { enactors: 5, plans: 8, threshold: 2 },
    promela: here('./dns-race.pml'),
    defines: ['-DENACTORS=5', '-DPLANS=8', '-DTHRESHOLD=2'],
  },
  {
    name: 'philosophers',
    module: here('./philosophers.ts'),
    params: { philosophers: 16 },
    promela: here('./philosophers.pml'),
    defines: ['-DN=16'],
  },
];
