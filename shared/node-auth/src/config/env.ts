import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { tunableDefaults, type TunableName } from "./settings.js";

/** Loads `.env` of the folder the application runs from, when present; variables already set win. */
export function loadDotEnv(): void {
  const file = resolve(".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

export class ConfigError extends Error {}

export function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is missing: set it in the environment or in .env`);
  return value;
}

export function optional(name: string, fallback = ""): string {
  return process.env[name]?.trim() || fallback;
}

export function hexSecret(name: string, value: string): Buffer {
  if (!/^[0-9a-fA-F]{64,}$/.test(value) || value.length % 2 !== 0) {
    throw new ConfigError(`${name} must be at least 64 hexadecimal characters (openssl rand -hex 32)`);
  }
  return Buffer.from(value, "hex");
}

export function base64Key(name: string, value: string): Buffer {
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) {
    throw new ConfigError(`${name} must be the base64 form of 32 bytes (openssl rand -base64 32)`);
  }
  return key;
}

export function tunable(name: TunableName): number {
  const raw = process.env[name]?.trim();
  if (!raw) return tunableDefaults[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${name} must be a whole number of zero or more, not "${raw}"`);
  }
  return value;
}

export function flag(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, not "${raw}"`);
}

export function list(name: string): string[] {
  return optional(name)
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}
