import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Pages are lazy-loaded chunks: on a busy CI machine the first import can take a while.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
