import { useCallback, useState, type FormEvent } from 'react';
import { ErrorAlert, StatusMessage } from './Alert';
import { Field } from './Field';
import { describeError } from './useFormAction';
import { useLoader } from './useLoader';
import { ApiError } from '../lib/api';
import type { Passkey } from '../lib/api-types';
import {
  addPasskey,
  listPasskeys,
  PasskeyCeremonyError,
  passkeysSupported,
  removePasskey,
  renamePasskey,
} from '../lib/auth/passkeys';

function messageOf(error: unknown): string {
  return error instanceof PasskeyCeremonyError ? error.message : describeError(error);
}

function fieldsOf(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault();
  const fields: Record<string, string> = {};
  new FormData(event.currentTarget).forEach((value, key) => {
    if (typeof value === 'string') fields[key] = value.trim();
  });
  return fields;
}

function when(date: string | null): string {
  return date ? new Date(date).toLocaleString() : 'never';
}

interface RowProps {
  passkey: Passkey;
  busy: boolean;
  onRename(passkey: Passkey, name: string): Promise<boolean>;
  onRemove(passkey: Passkey): void;
}

function PasskeyRow({ passkey, busy, onRename, onRemove }: RowProps) {
  const [renaming, setRenaming] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    const { name = '' } = fieldsOf(event);
    if (await onRename(passkey, name)) setRenaming(false);
  }

  return (
    <li className="passkey" data-testid="passkey-row">
      {renaming ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field
            label={`New name for ${passkey.name}`}
            name="name"
            defaultValue={passkey.name}
            required
            maxLength={100}
            autoFocus
          />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Save name
            </button>
            <button type="button" className="secondary" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <strong>{passkey.name}</strong>
          <p className="hint">
            Added {when(passkey.createdAt)} · last used {when(passkey.lastUsedAt)}
          </p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setRenaming(true)}>
              Rename <span className="visually-hidden">{passkey.name}</span>
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => onRemove(passkey)}
            >
              Remove <span className="visually-hidden">{passkey.name}</span>
            </button>
          </div>
        </>
      )}
    </li>
  );
}

/** The security page's passkeys: the list, renaming and removing them, and adding one on this device. */
export function PasskeysPanel() {
  const { data: passkeys, error: loadError, reload } = useLoader(listPasskeys);
  const [supported] = useState(passkeysSupported);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);

  const run = useCallback(
    async (work: () => Promise<string>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      setFieldErrors({});
      setStatus(null);
      try {
        setStatus(await work());
        reload();
        return true;
      } catch (caught) {
        setError(messageOf(caught));
        if (caught instanceof ApiError) setFieldErrors(caught.fieldErrors());
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  async function add(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const { name = '', password = '' } = fieldsOf(event);
    const added = await run(async () => {
      const passkey = await addPasskey(name, password || undefined);
      return `The passkey “${passkey.name}” is added.`;
    });
    if (added) form.reset();
  }

  const rename = (passkey: Passkey, name: string) =>
    run(async () => {
      const renamed = await renamePasskey(passkey.id, name);
      return `The passkey is renamed to “${renamed.name}”.`;
    });

  const remove = (passkey: Passkey) =>
    void run(async () => {
      await removePasskey(passkey.id);
      return `The passkey “${passkey.name}” is removed; it can no longer sign you in.`;
    });

  return (
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">Passkeys</h2>
      <p>
        A passkey signs you in with this device’s fingerprint, face or screen lock instead of your
        password, and cannot be phished.
      </p>
      <ErrorAlert>{error ?? loadError}</ErrorAlert>
      <StatusMessage>{status}</StatusMessage>
      {passkeys === null ? (
        !loadError && <p role="status">Loading…</p>
      ) : passkeys.length === 0 ? (
        <p>You have no passkeys yet.</p>
      ) : (
        <ul className="passkeys" aria-label="Your passkeys">
          {passkeys.map((passkey) => (
            <PasskeyRow
              key={passkey.id}
              passkey={passkey}
              busy={busy}
              onRename={rename}
              onRemove={remove}
            />
          ))}
        </ul>
      )}
      {supported ? (
        <form onSubmit={(event) => void add(event)} noValidate aria-labelledby="add-passkey-title">
          <h3 id="add-passkey-title">Add a passkey</h3>
          <Field
            label="Passkey name"
            name="name"
            maxLength={100}
            hint="To tell your passkeys apart, for example the device it is on."
            error={fieldErrors.name}
          />
          <Field
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            hint="Needed when you signed in more than five minutes ago."
            error={fieldErrors.password}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Waiting for your device…' : 'Add a passkey'}
          </button>
        </form>
      ) : (
        <p data-testid="passkeys-unsupported">
          This browser cannot create passkeys. Open this page in a browser that supports them
          (recent Chrome, Edge, Safari or Firefox) to add one.
        </p>
      )}
    </section>
  );
}
