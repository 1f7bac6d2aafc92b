/**
 * expo-local-authentication with a face or finger the test decides. As documented:
 * `hasHardwareAsync` and `isEnrolledAsync` say whether a sensor exists and has a face or
 * finger enrolled; `authenticateAsync` resolves `{success: true}` when the person passes,
 * or `{success: false, error}` with `user_cancel` when they dismiss the prompt and
 * `not_enrolled` when nothing is enrolled (it never rejects for these).
 * `localAuthenticationFake.set({...})` changes the device, `prompts` lists every prompt shown.
 */
export type Outcome = 'success' | 'user_cancel' | 'lockout';

interface Device {
  hardware: boolean;
  enrolled: boolean;
  outcome: Outcome;
}

const initial: Device = { hardware: true, enrolled: true, outcome: 'success' };
let device: Device = { ...initial };
const prompts: string[] = [];

export async function hasHardwareAsync(): Promise<boolean> {
  return device.hardware;
}

export async function isEnrolledAsync(): Promise<boolean> {
  return device.hardware && device.enrolled;
}

export async function authenticateAsync(
  options: { promptMessage?: string } = {},
): Promise<{ success: true } | { success: false; error: string }> {
  if (!device.hardware) return { success: false, error: 'not_available' };
  if (!device.enrolled) return { success: false, error: 'not_enrolled' };
  prompts.push(options.promptMessage ?? '');
  return device.outcome === 'success'
    ? { success: true }
    : { success: false, error: device.outcome };
}

export const localAuthenticationFake = {
  set(changes: Partial<Device>): void {
    device = { ...device, ...changes };
  },
  prompts,
  reset(): void {
    device = { ...initial };
    prompts.length = 0;
  },
};
