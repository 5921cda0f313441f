import type { AdvisoryMatch } from './match-advisories.js';

export interface Waiver {
  id: string;
  reason: string;
  /** An ISO date (YYYY-MM-DD); the waiver holds through that day (UTC) and not after it. */
  expires: string;
}

export interface WaiverState {
  active: Waiver[];
  expired: Waiver[];
}

/** Splits waivers into those that still hold at `now` and those past their expiry date. */
export function waiverState(waivers: readonly Waiver[], now: Date): WaiverState {
  const today = now.toISOString().slice(0, 10);
  return {
    active: waivers.filter((waiver) => waiver.expires >= today),
    expired: waivers.filter((waiver) => waiver.expires < today),
  };
}

/** The waiver that names this advisory, by its id or one of its aliases. */
export function waiverFor(match: Pick<AdvisoryMatch, 'id' | 'aliases'>, waivers: readonly Waiver[]) {
  const names = new Set([match.id, ...match.aliases].map((name) => name.toUpperCase()));
  return waivers.find((waiver) => names.has(waiver.id.toUpperCase()));
}
