import type { Routes } from '@angular/router';
import { authRoute, HOME } from '../universal-auth';
import { NotFoundPage } from './not-found.page';

/** The app's routes: the auth's pages, a start page and a fallback. */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: HOME },
  authRoute,
  { path: '**', component: NotFoundPage, title: 'Page not found' },
];
