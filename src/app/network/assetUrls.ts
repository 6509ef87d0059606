/**
 * The committed data assets as files of this site: Vite emits them beside the bundle and gives
 * their URLs, so the page fetches them from itself (never from a CDN, and offline once built).
 */
import digitsUrl from '../../../assets/data/digits-8x8.bin?url';
import mnistUrl from '../../../assets/data/mnist-2000-500.bin?url';

/** Repository path of each asset → its URL in the built site. */
export const ASSET_URLS: Readonly<Record<string, string>> = {
  'assets/data/digits-8x8.bin': digitsUrl,
  'assets/data/mnist-2000-500.bin': mnistUrl,
};
