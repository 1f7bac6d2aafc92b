import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="universal-auth">
      <h1 tabindex="-1">Page not found</h1>
      <p>There is nothing at this address.</p>
    </section>
  `,
})
export class NotFoundPage {}
