/**
 * A look-aside cache in front of a database, and the stale set of Facebook's memcache (Nishtala et
 * al., "Scaling Memcache at Facebook", NSDI 2013, §3.2.1 "Leases"): "A stale set
 * occurs when a web server sets a value in memcache that does not reflect the latest value that
 * should be cached. This can occur when concurrent updates to memcache get reordered."
 *
 * Readers look the key up in the cache; on a miss they read the database and set the cache to what
 * they read. The writer updates the database and then deletes the key from the cache (the paper
 * deletes cached data rather than updating it, because deletes are idempotent). A reader that read the database before
 * the update and sets the cache after the delete leaves the old value cached, with nothing left to
 * delete it. Deleting before the update does not help: a reader can miss after the delete, read the
 * old value, and set it after the update.
 *
 * The fix is the paper's lease: "a memcached instance gives a lease to a client to set data back
 * into the cache when that client experiences a cache miss. The lease is a 64-bit token bound to the
 * specific key … memcached can verify and determine whether the data should be stored and thus
 * arbitrate concurrent writes. Verification can fail if memcached has invalidated the lease token
 * due to receiving a delete request for that item." Here a miss while a lease is out gets no
 * token, and that reader reads the database and does not set (the paper makes it wait and retry;
 * either way it cannot set).
 */
import { modelKit, range } from '../../../engine/index.ts';

export type CacheState = {
  /** The database's value: the version of the last write (0 at first). */
  readonly db: number;
  /** The cached value, or null when the key is not cached. */
  readonly cache: number | null;
  /** The lease token out for the key (0: none), and the last token issued. */
  readonly lease: number;
  readonly lastToken: number;
  readonly readers: readonly Reader[];
  readonly writer: Writer;
};

export type Reader = {
  readonly phase: 'lookup' | 'missed' | 'has-value' | 'done';
  /** The value it read from the database, while it holds one. */
  readonly value: number | null;
  /** The lease token its miss got (0: none). */
  readonly token: number;
  readonly readsLeft: number;
  /** What each of its reads returned, for the witness: did a hit return the newest write? */
  readonly freshHit: boolean;
};

export type Writer = {
  readonly phase: 'idle' | 'db-updated' | 'cache-deleted';
  readonly writesLeft: number;
};

export type CacheParams = { readonly readers: number; readonly reads: number; readonly writes: number };

export type CacheSwitches = {
  /** The writer's order: update the database then delete the key, or delete first. */
  readonly deleteFirst: boolean;
  readonly leases: boolean;
};

const { action, always, sometimes, model } = modelKit<CacheState, CacheParams, CacheSwitches>();

const readerIds = ({ params }: { params: CacheParams }) => range(1, params.readers);
const readerName = (r: number) => `reader ${r}`;
const rd = (s: CacheState, r: number) => s.readers[r - 1]!;

const finishRead = (me: { phase: Reader['phase']; readsLeft: number; value: number | null; token: number }) => {
  me.readsLeft -= 1;
  me.value = null;
  me.token = 0;
  me.phase = me.readsLeft === 0 ? 'done' : 'lookup';
};

const readerLooksUpCache = action({
  name: 'readerLooksUpCache',
  doc: 'get(key): a hit returns the cached value; a miss (with leases: and a token, unless one is out) sends the reader to the database.',
  args: readerIds,
  actor: readerName,
  when: (s, r) => rd(s, r).phase === 'lookup',
  step: (d, r, { switches }) => {
    const me = d.readers[r - 1]!;
    if (d.cache !== null) {
      if (d.cache === d.db && d.db > 0) me.freshHit = true;
      finishRead(me);
      return;
    }
    me.phase = 'missed';
    if (switches.leases && d.lease === 0) {
      d.lastToken += 1;
      d.lease = d.lastToken;
      me.token = d.lastToken;
    }
  },
  describe: (s, r, after, { switches }) => {
    if (s.cache !== null) return `reader ${r} hits the cache: value ${s.cache}`;
    if (!switches.leases) return `reader ${r} misses the cache`;
    return after.readers[r - 1]!.token
      ? `reader ${r} misses the cache and gets lease ${after.readers[r - 1]!.token}`
      : `reader ${r} misses the cache; lease ${s.lease} is out, so it gets none`;
  },
  target: 'cache',
});

const readerReadsDatabase = action({
  name: 'readerReadsDatabase',
  doc: 'After a miss: read the value from the database.',
  args: readerIds,
  actor: readerName,
  when: (s, r) => rd(s, r).phase === 'missed',
  step: (d, r) => {
    const me = d.readers[r - 1]!;
    me.value = d.db;
    me.phase = 'has-value';
  },
  describe: (s, r) => `reader ${r} reads value ${s.db} from the database`,
  target: 'database',
});

const readerSetsCache = action({
  name: 'readerSetsCache',
  doc: 'set(key, value) with what it read; with leases, memcached stores it only if the token is still the lease out.',
  args: readerIds,
  actor: readerName,
  when: (s, r) => rd(s, r).phase === 'has-value',
  step: (d, r, { switches }) => {
    const me = d.readers[r - 1]!;
    if (!switches.leases) d.cache = me.value;
    else if (me.token !== 0 && me.token === d.lease) {
      d.cache = me.value;
      d.lease = 0;
    }
    finishRead(me);
  },
  describe: (s, r, _a, { switches }) => {
    const me = rd(s, r);
    if (!switches.leases)
      return `reader ${r} sets the cache to ${me.value}${me.value !== s.db ? ` (the database has ${s.db})` : ''}`;
    if (me.token === 0) return `reader ${r} returns ${me.value} without setting the cache (it has no lease)`;
    return me.token === s.lease
      ? `reader ${r} sets the cache to ${me.value} with lease ${me.token}`
      : `reader ${r}'s set of ${me.value} is refused: lease ${me.token} was invalidated`;
  },
  target: 'cache',
});

const writerUpdatesDatabase = action({
  name: 'writerUpdatesDatabase',
  doc: 'The writer writes a new value to the database.',
  actor: 'writer',
  when: (s, _a, { switches }) =>
    s.writer.writesLeft > 0 && s.writer.phase === (switches.deleteFirst ? 'cache-deleted' : 'idle'),
  step: (d, _a, { switches }) => {
    d.db += 1;
    if (switches.deleteFirst) {
      d.writer.phase = 'idle';
      d.writer.writesLeft -= 1;
    } else d.writer.phase = 'db-updated';
  },
  describe: (s) => `writer updates the database to ${s.db + 1}`,
  target: 'database',
});

const writerDeletesKey = action({
  name: 'writerDeletesKey',
  doc: 'The writer deletes the key from the cache (and with it any lease).',
  actor: 'writer',
  when: (s, _a, { switches }) =>
    s.writer.writesLeft > 0 && s.writer.phase === (switches.deleteFirst ? 'idle' : 'db-updated'),
  step: (d, _a, { switches }) => {
    d.cache = null;
    d.lease = 0;
    if (switches.deleteFirst) d.writer.phase = 'cache-deleted';
    else {
      d.writer.phase = 'idle';
      d.writer.writesLeft -= 1;
    }
  },
  describe: (s) =>
    `writer deletes the key from the cache${s.cache === null ? ' (not cached)' : ` (it held ${s.cache})`}${s.lease ? ` and invalidates lease ${s.lease}` : ''}`,
  target: 'cache',
});

const allDone = (s: CacheState) => s.writer.writesLeft === 0 && s.readers.every((r) => r.phase === 'done');

export const staleCache = model({
  name: 'stale-cache',
  title: 'Stale set in a look-aside cache (memcache at Facebook, NSDI 2013)',
  doc: 'A reader that missed sets the cache with a value read before a write whose delete it then outlives; leases make memcached refuse that set.',
  params: {
    readers: { default: 2, min: 1, max: 3, doc: 'web servers reading the key' },
    reads: { default: 2, min: 1, max: 3, doc: 'reads each reader makes' },
    writes: { default: 2, min: 1, max: 3, doc: 'writes the writer makes' },
  },
  variants: {
    'update-then-delete': {
      doc: 'update the database, then delete the key; fill on a miss (the bug: a stale set)',
      switches: { deleteFirst: false, leases: false },
    },
    'delete-then-update': {
      doc: 'delete the key first, then update the database (still a stale set)',
      switches: { deleteFirst: true, leases: false },
    },
    leases: {
      doc: 'update then delete, and sets need a lease that the delete invalidates (the fix)',
      switches: { deleteFirst: false, leases: true },
    },
  },
  init: ({ params }) => ({
    db: 0,
    cache: null,
    lease: 0,
    lastToken: 0,
    readers: Array.from({ length: params.readers }, () => ({
      phase: 'lookup' as const,
      value: null,
      token: 0,
      readsLeft: params.reads,
      freshHit: false,
    })),
    writer: { phase: 'idle', writesLeft: params.writes },
  }),
  actions: [readerLooksUpCache, readerReadsDatabase, readerSetsCache, writerUpdatesDatabase, writerDeletesKey],
  properties: [
    always({
      name: 'no-stale-cache',
      doc: 'between writes, the cache holds the database value or nothing',
      check: (s) =>
        s.writer.phase !== 'idle' ||
        s.cache === null ||
        s.cache === s.db ||
        `the cache holds ${s.cache} but the database has ${s.db}, and no delete is coming`,
    }),
    sometimes({
      name: 'fresh-hit',
      doc: 'a reader hits the cache and gets a value written by the writer',
      reached: (s) => s.readers.some((r) => r.freshHit),
    }),
    sometimes({
      name: 'all-done',
      doc: 'every read and every write is done',
      reached: allDone,
    }),
  ],
  ends: allDone,
  actors: ({ params }) => [...Array.from({ length: params.readers }, (_, i) => readerName(i + 1)), 'writer'],
});
