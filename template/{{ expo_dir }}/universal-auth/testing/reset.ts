import { applicationFake } from './application-fake';
import { localAuthenticationFake } from './local-authentication-fake';
import { secureStoreFake } from './secure-store-fake';

/** Puts every native fake back to its first state: an empty store, a device with a finger enrolled. */
export function resetNativeFakes(): void {
  secureStoreFake.reset();
  localAuthenticationFake.reset();
  applicationFake.reset();
}
