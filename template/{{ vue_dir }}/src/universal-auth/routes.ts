import type { RouteRecordRaw } from 'vue-router';
import type { Access } from './access';
import AuthScope from './AuthScope.vue';
import type { AppRoute } from './routes/route';
import './styles.css';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may open the page; a page without it is open to all. */
    access?: Access;
    /** The document title of an auth page; a host page keeps its own. */
    title?: string;
  }
}

// Every page registers itself in routes/<name>.route.ts; a higher security mode adds files.
const modules = import.meta.glob<{ default: AppRoute }>('./routes/*.route.ts', { eager: true });
export const authPages: AppRoute[] = Object.values(modules).map((module) => module.default);

/**
 * The auth's pages as route records, to spread among the app's own:
 * `createRouter({ history, routes: [...authRoutes(), { path: '/', component: Home }] })`.
 * Each page loads lazily, inside the one element the auth's styles apply to.
 */
export function authRoutes(): RouteRecordRaw[] {
  return authPages.map((page) => ({
    path: page.path,
    component: AuthScope,
    meta: { access: page.access, title: page.title },
    children: [{ path: '', component: page.page }],
  }));
}
