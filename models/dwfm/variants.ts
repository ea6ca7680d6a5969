/**
 * The variants: the DWFM as it ran in October 2025 and one remedy each. Each switch is read in one
 * place of rules.ts or tick.ts, so the difference between the collapse and a remedy is a few lines.
 */
import type { Variant } from '../../engine/index.ts';

export type DwfmSwitches = {
  /** Which queued item the DWFM host works on next: the oldest (FIFO) or the newest (LIFO). */
  readonly order: 'fifo' | 'lifo';
  /** A droplet that gave up waits an exponential, jittered backoff before asking again. */
  readonly backoff: boolean;
  /** The DWFM host discards, unstarted, items whose droplet has already given up. */
  readonly dropExpired: boolean;
  /** Admission control by the size of the waiting queue (AWS's announced fix). */
  readonly queueLimit: boolean;
  /** Operators' runbook: on a stall, throttle incoming work and restart the DWFM host. */
  readonly runbook: boolean;
};

const base: DwfmSwitches = { order: 'fifo', backoff: false, dropExpired: false, queueLimit: false, runbook: false };

export const variants: Record<string, Variant<DwfmSwitches>> = {
  'as-2025': {
    doc: 'as it ran: FIFO queue, a droplet that times out asks again at once while its stale item stays queued, no admission control',
    switches: base,
  },
  'throttled-restart': {
    doc: 'what engineers did at 4:14 AM: once lease work stalls, throttle incoming work and restart the DWFM host, clearing its queue',
    switches: { ...base, runbook: true },
  },
  'queue-size-limit': {
    doc: "AWS's announced fix: admit lease work only while the waiting queue is smaller than what the host can serve before it times out",
    switches: { ...base, queueLimit: true },
  },
  'backoff-jitter': {
    doc: 'textbook (001): a droplet that timed out waits an exponential backoff with full jitter before asking again',
    switches: { ...base, backoff: true },
  },
  'drop-expired': {
    doc: 'textbook (003): the host discards queued work whose droplet has already given up, instead of doing it',
    switches: { ...base, dropExpired: true },
  },
  lifo: {
    doc: 'textbook (003): serve the newest request first, so fresh work is done while it can still succeed',
    switches: { ...base, order: 'lifo' },
  },
};
