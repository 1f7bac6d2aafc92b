import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';

let fields = 0;

/** A labelled input whose hint and error are tied to it for assistive technology. */
@Component({
  selector: 'ua-field',
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="field">
      <label [for]="id">{{ label() }}</label>
      <input
        [id]="id"
        [name]="name()"
        [type]="type()"
        [formControl]="control()"
        [attr.autocomplete]="autocomplete()"
        [attr.inputmode]="inputmode()"
        [attr.pattern]="pattern()"
        [attr.minlength]="minlength()"
        [attr.maxlength]="maxlength()"
        [attr.required]="required() ? '' : null"
        [attr.autocapitalize]="plain() ? 'none' : null"
        [attr.spellcheck]="plain() ? 'false' : null"
        [attr.aria-invalid]="error() ? 'true' : null"
        [attr.aria-describedby]="describedBy()"
      />
      @if (hint()) {
        <p [id]="id + '-hint'" class="hint">{{ hint() }}</p>
      }
      @if (error()) {
        <p [id]="id + '-error'" class="field-error">{{ error() }}</p>
      }
    </div>
  `,
})
export class Field {
  readonly label = input.required<string>();
  readonly name = input.required<string>();
  readonly control = input.required<FormControl<string>>();
  readonly type = input('text');
  readonly autocomplete = input<string | null>(null);
  readonly inputmode = input<string | null>(null);
  readonly pattern = input<string | null>(null);
  readonly minlength = input<number | null>(null);
  readonly maxlength = input<number | null>(null);
  readonly required = input(false);
  /** A code or key: no capitals, no spelling suggestions. */
  readonly plain = input(false);
  readonly hint = input<string | null>(null);
  readonly error = input<string | null | undefined>(null);

  protected readonly id = `ua-field-${++fields}`;
  protected readonly describedBy = computed(
    () =>
      [this.hint() && `${this.id}-hint`, this.error() && `${this.id}-error`]
        .filter(Boolean)
        .join(' ') || null,
  );
}
