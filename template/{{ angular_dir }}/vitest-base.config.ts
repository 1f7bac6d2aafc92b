import { defineConfig } from 'vitest/config';

// A test's first render compiles its lazy route: on a loaded machine that outlasts the 5 s default.
export default defineConfig({
  test: { testTimeout: 20_000 },
});
