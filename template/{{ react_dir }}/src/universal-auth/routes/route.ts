import type { ComponentType } from 'react';
import type { Access } from '../auth/context';

/** One page of the app; each lives in its own `*.route.ts` file, found by App.tsx. */
export interface AppRoute {
  path: string;
  title: string;
  access: Access;
  /** Shown in the navigation, in this order, to those who may open the page. */
  nav?: { label: string; order: number };
  page: () => Promise<{ default: ComponentType }>;
}
