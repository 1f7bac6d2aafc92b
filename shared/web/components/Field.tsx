import { useId, useState, type InputHTMLAttributes } from 'react';
import { messages } from '../lib/messages';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  hint?: string;
  error?: string;
}

/**
 * A labelled input whose hint and error are tied to it for assistive technology; a password
 * field has a button that shows and hides what was typed.
 */
export function Field({ label, name, hint, error, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ') || undefined;
  const secret = input.type === 'password';
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={inputId}>{label}</label>
        {secret && (
          <button
            type="button"
            className="link-button"
            aria-controls={inputId}
            aria-pressed={revealed}
            onClick={() => setRevealed(!revealed)}
          >
            {revealed ? messages.fields.hide : messages.fields.show}
          </button>
        )}
      </div>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
        type={secret && revealed ? 'text' : input.type}
      />
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
