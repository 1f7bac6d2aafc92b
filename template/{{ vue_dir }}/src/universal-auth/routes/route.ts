import type { Component } from 'vue';
import type { Access } from '../access';

/** One page of the auth; each lives in its own `*.route.ts` file, found by authRoutes(). */
export interface AppRoute {
  path: string;
  title: string;
  access: Access;
  /** Shown in the navigation, in this order, to those who may open the page. */
  nav?: { label: string; order: number };
  page: () => Promise<{ default: Component }>;
}
