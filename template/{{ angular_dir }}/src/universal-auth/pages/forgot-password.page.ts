import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ErrorAlert } from '../components/error-alert';
import { Field } from '../components/field';
import { StatusMessage } from '../components/status-message';
import { FormAction } from '../forms/form-action';
import { forgotPassword } from '../lib/auth/account';
import { paths } from '../lib/paths';

@Component({
  selector: 'ua-forgot-password-page',
  imports: [ErrorAlert, Field, ReactiveFormsModule, RouterLink, StatusMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="forgot-title">
      <h1 id="forgot-title" tabindex="-1">Reset your password</h1>
      <ua-status-message
        [message]="
          sent()
            ? 'If an account uses this address, a reset link is on its way. It expires soon.'
            : null
        "
      />
      @if (!sent()) {
        <form [formGroup]="form" novalidate (ngSubmit)="action.run(form.getRawValue())">
          <ua-error-alert [message]="action.error()" />
          <ua-field
            label="Email"
            name="email"
            type="email"
            autocomplete="email"
            [required]="true"
            [control]="form.controls.email"
            [error]="action.fieldErrors()['email']"
          />
          <button type="submit" [disabled]="action.pending()">
            {{ action.pending() ? 'Sending…' : 'Send reset link' }}
          </button>
        </form>
      }
      <p>
        <a [routerLink]="paths.login">Back to sign in</a>
      </p>
    </section>
  `,
})
export class ForgotPasswordPage {
  protected readonly paths = paths;
  protected readonly sent = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({ email: '' });
  protected readonly action = new FormAction(async ({ email }: { email: string }) => {
    await forgotPassword(email);
    this.sent.set(true);
  });
}
