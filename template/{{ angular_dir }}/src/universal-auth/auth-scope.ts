import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  ViewEncapsulation,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { allows } from './access';
import { accessOf } from './auth.guard';
import { AuthStore } from './auth.store';

/** The one element the auth's styles apply inside: the host's CSS and ours stay apart. */
@Component({
  selector: 'ua-auth-scope',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  styleUrl: './styles.css',
  template: `
    <div class="universal-auth">
      @if (forbidden()) {
        <section aria-labelledby="forbidden-title">
          <h1 id="forbidden-title" tabindex="-1">Not allowed</h1>
          <p>This page is for administrators.</p>
        </section>
      } @else {
        <router-outlet />
      }
    </div>
  `,
})
export class AuthScope {
  private readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);
  private readonly access = toSignal(
    inject(Router).events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.childAccess()),
    ),
    { initialValue: this.childAccess() },
  );

  protected readonly forbidden = computed(
    () => this.auth.isSignedIn() && !allows(this.access(), this.auth.user()?.role, true),
  );

  private childAccess() {
    const child = this.route.snapshot.firstChild;
    return child ? accessOf(child) : 'public';
  }
}
