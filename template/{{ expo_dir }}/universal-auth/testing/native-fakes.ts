/**
 * The native modules the auth uses, replaced at their JavaScript boundary (the functions
 * the app imports) for Jest, which runs without a phone. Each fake keeps the documented
 * behaviour its comments name, and the tests drive it through the controls it exports.
 */
jest.mock('expo-secure-store', () => jest.requireActual('./secure-store-fake'));
jest.mock('expo-local-authentication', () => jest.requireActual('./local-authentication-fake'));
jest.mock('expo-application', () => jest.requireActual('./application-fake'));
