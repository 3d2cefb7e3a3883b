import * as Dialog from '@radix-ui/react-dialog';
import { CopyButton } from '../../ui/copy-button';
import styles from '../../ui/ui.module.css';

/**
 * A new signing secret inside the dialog that made it (added endpoint, rotated secret), shown this
 * once, as a new SCIM token is (generate-token.dialog.tsx): it lives only in that dialog's state,
 * closing the dialog forgets it, and nothing writes it to storage.
 */
export function SecretOnce({ title, secret, note }: { title: string; secret: string; note?: string }) {
  return (
    <>
      <Dialog.Title className={styles.dialogTitle}>{title}</Dialog.Title>
      <div className={styles.warning} role="note">
        Copy the signing secret now: you will not see it again. Roster keeps it only to sign messages and cannot show it again. Give it to the receiver’s
        Standard Webhooks verifier; if it is lost, rotate the secret to get a new one.
      </div>
      {note ? <p>{note}</p> : null}
      <div className={styles.field}>
        <label htmlFor="new-secret" className={styles.label}>
          Signing secret
        </label>
        <div className={styles.inline}>
          <input id="new-secret" className={styles.input} readOnly value={secret} onFocus={(e) => e.target.select()} autoComplete="off" />
          <CopyButton text={secret} label="Copy signing secret" />
        </div>
      </div>
      <div className={styles.dialogActions}>
        <Dialog.Close asChild>
          <button type="button" className={styles.button}>
            Done, I have copied it
          </button>
        </Dialog.Close>
      </div>
    </>
  );
}
