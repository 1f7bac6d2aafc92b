/**
 * Who may open a page: anyone (`public`), only signed-out visitors (`guest`), signed-in
 * users (`user`) or administrators (`admin`).
 */
export type Access = 'public' | 'guest' | 'user' | 'admin';

export function allows(access: Access, role: string | undefined, signedIn: boolean): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'guest':
      return !signedIn;
    case 'user':
      return signedIn;
    case 'admin':
      return signedIn && role === 'admin';
  }
}
