import type { Country } from '../../shared/contract';
import { call } from '../api/client';

// The list never changes while the app runs: fetch it once for every picker.
let cached: Promise<Country[]> | null = null;
export function loadCountries(): Promise<Country[]> {
  cached ??= call('reference.countries', {}).then((r) => {
    if (!r.ok) {
      cached = null;
      return [];
    }
    return r.value;
  });
  return cached;
}
