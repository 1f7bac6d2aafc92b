import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Confirmations are announced politely; the region stays in the page while empty. */
@Component({
  selector: 'ua-status-message',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div [class]="message() ? 'alert alert-info' : 'alert-empty'" role="status" aria-live="polite">
      {{ message() }}
    </div>
  `,
})
export class StatusMessage {
  readonly message = input<string | null | undefined>(null);
}
