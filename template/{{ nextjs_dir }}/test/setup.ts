import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// On a busy CI machine the first render of a page can take a while.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
