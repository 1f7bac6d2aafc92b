import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';
import NotFoundPage from './NotFoundPage.vue';
import { authRoutes, HOME, installAuthGuard } from './universal-auth';

/** The app's routes: the auth's pages, a start page and a fallback. Needs pinia installed first. */
export function createAppRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      { path: '/', redirect: HOME },
      ...authRoutes(),
      { path: '/:pathMatch(.*)*', component: NotFoundPage, meta: { title: 'Page not found' } },
    ],
  });
  installAuthGuard(router);
  return router;
}
