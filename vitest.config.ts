import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'worker/**/*.test.ts', 'db/**/*.test.ts', 'widgets/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Retries would hide flakiness; a failing test must fail.
    retry: 0,
    allowOnly: false,
  },
});
