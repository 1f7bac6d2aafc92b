import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  viewChild,
} from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, skip } from 'rxjs';
import { allows, AuthStore, authPages } from '../universal-auth';

/** The page frame: skip link, navigation for who is signed in, and the routed page. */
@Component({
  selector: 'app-root',
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
})
export class App {
  protected readonly auth = inject(AuthStore);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly links = computed(() =>
    authPages
      .filter(
        (page) =>
          page.nav &&
          this.auth.status() !== 'loading' &&
          allows(page.access, this.auth.user()?.role, this.auth.isSignedIn()),
      )
      .sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0)),
  );

  constructor() {
    // After client-side navigation, move focus to the new page's heading, as a page load would.
    // The first navigation is the page load itself.
    const injector = inject(Injector);
    const subscription = inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
      )
      .subscribe(() =>
        afterNextRender(() => this.main().nativeElement.querySelector<HTMLElement>('h1')?.focus(), {
          injector,
        }),
      );
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }
}
