import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../../api/graphql-client';
import { RevokeScimTokenDocument } from '../../gql/graphql';
import { formatTime } from '../../lib/format';
import { tokenStatus, type TokenStatus } from '../../lib/scim-tokens';
import { Empty, ErrorMessage } from '../../ui/states';
import { TableBox } from '../../ui/table-box';
import styles from '../../ui/ui.module.css';
import type { GroupScim } from './scim.types';

const statusBadge: Record<TokenStatus, string | undefined> = { active: styles.badgeGood, revoked: styles.badgeBad, expired: styles.badgeIdle };
const statusText: Record<TokenStatus, string> = { active: 'Active', revoked: 'Revoked', expired: 'Expired' };

/** The group's tokens, newest first, revoked ones included; Revoke asks first and applies at once. */
export function TokensTable({ groupId, tokens }: { groupId: string; tokens: GroupScim['tokens'] }) {
  if (tokens.length === 0) {
    return <Empty>No token yet. Generate SCIM Token makes one to paste into the identity provider with the SCIM URL.</Empty>;
  }
  return (
    <TableBox label="SCIM tokens">
      <table className={styles.table}>
        <caption className={styles.srOnly}>SCIM tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Last four</th>
            <th scope="col">Created by</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className={styles.srOnly}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const status = tokenStatus(token);
            return (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>…{token.lastFour}</code>
                </td>
                <td>{token.createdBy?.email ?? <span className={styles.muted}>a removed admin</span>}</td>
                <td>{formatTime(token.createdAt)}</td>
                <td>{formatTime(token.lastUsedAt)}</td>
                <td>{formatTime(token.expiresAt)}</td>
                <td>
                  <span className={statusBadge[status]}>{statusText[status]}</span>
                  {token.revokedAt ? <div className={styles.hint}>{formatTime(token.revokedAt)}</div> : null}
                </td>
                <td>{status === 'active' ? <RevokeButton groupId={groupId} token={token} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableBox>
  );
}

function RevokeButton({ groupId, token }: { groupId: string; token: { id: string; name: string; lastFour: string } }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => request(RevokeScimTokenDocument, { input: { id: token.id } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['group', groupId] });
      setOpen(false);
    },
  });
  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        revoke.reset();
      }}
    >
      <AlertDialog.Trigger asChild>
        <button type="button" className={styles.secondary} aria-label={`Revoke ${token.name}`}>
          Revoke
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={styles.overlay} />
        <AlertDialog.Content className={styles.dialog}>
          <AlertDialog.Title className={styles.dialogTitle}>Revoke “{token.name}”?</AlertDialog.Title>
          <AlertDialog.Description>
            The identity provider’s next request with the token ending …{token.lastFour} is refused, at once. This cannot be undone: to reconnect, generate a
            new token.
          </AlertDialog.Description>
          {revoke.error ? <ErrorMessage error={revoke.error} title="The token was not revoked." /> : null}
          <div className={styles.dialogActions}>
            <AlertDialog.Cancel asChild>
              <button type="button" className={styles.secondary}>
                Cancel
              </button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that closes the dialog before the answer, hiding a failure. */}
            <button type="button" className={styles.danger} disabled={revoke.isPending} onClick={() => revoke.mutate()}>
              {revoke.isPending ? 'Revoking…' : 'Revoke token'}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
