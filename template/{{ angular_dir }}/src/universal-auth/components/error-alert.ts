import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * Live regions stay in the page even when empty, so screen readers announce what is put in them
 * later: errors assertively.
 */
@Component({
  selector: 'ua-error-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      [class]="message() ? 'alert alert-error' : 'alert-empty'"
      role="alert"
      aria-live="assertive"
    >
      {{ message() }}
    </div>
  `,
})
export class ErrorAlert {
  readonly message = input<string | null | undefined>(null);
}
