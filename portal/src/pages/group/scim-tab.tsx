import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { request } from '../../api/graphql-client';
import { GroupScimDocument } from '../../gql/graphql';
import { tokenStatus } from '../../lib/scim-tokens';
import { CopyButton } from '../../ui/copy-button';
import { ErrorMessage, Loading } from '../../ui/states';
import { TableBox } from '../../ui/table-box';
import styles from '../../ui/ui.module.css';
import { ConnectionHealth } from './connection-health';
import { GenerateTokenDialog } from './generate-token.dialog';
import { TokensTable } from './tokens-table';

/** How often the tab asks again, so connection health and token use show up while it is open. */
const refreshMs = 5_000;

/**
 * The setup guide's Part 3: the SCIM URL to copy, where it and the token go in the identity
 * provider, Generate SCIM Token, the tokens, and connection health for troubleshooting.
 */
export function ScimTab({ groupId }: { groupId: string }) {
  const scim = useQuery({
    queryKey: ['group', groupId, 'scim'],
    queryFn: () => request(GroupScimDocument, { id: groupId }).then((data) => data.group),
    refetchInterval: refreshMs,
  });
  const urlField = useRef<HTMLInputElement>(null);
  if (scim.error && !scim.data) return <ErrorMessage error={scim.error} title="The SCIM settings could not be loaded." />;
  if (!scim.data?.scim) return scim.isPending ? <Loading what="the SCIM settings" /> : <ErrorMessage error="This group has no SCIM settings." />;
  const { scim: settings, memberCount } = scim.data;
  const activeTokens = settings.tokens.filter((t) => tokenStatus(t) === 'active');

  return (
    <>
      {scim.error ? <ErrorMessage error={scim.error} title="Refreshing failed; this shows the last answer." /> : null}
      <section className={styles.section} aria-labelledby="scim-url-title">
        <h2 id="scim-url-title" className={styles.sectionTitle}>
          Connect the identity provider
        </h2>
        <div className={styles.field}>
          <label htmlFor="scim-url" className={styles.label}>
            SCIM URL
          </label>
          <div className={styles.inline}>
            <input
              id="scim-url"
              ref={urlField}
              className={styles.input}
              readOnly
              value={settings.baseUrl}
              onFocus={(e) => e.target.select()}
              aria-describedby="scim-url-hint"
            />
            <CopyButton text={settings.baseUrl} label="Copy SCIM URL" onCopyFailed={() => urlField.current?.select()} />
          </div>
          <span id="scim-url-hint" className={styles.hint}>
            This group’s own SCIM base URL. Paste it exactly, without adding anything after it.
          </span>
        </div>
        <TableBox label="Where the URL and the token go">
          <table className={styles.table}>
            <caption className={styles.hint}>Where the URL and the token go in the identity provider</caption>
            <thead>
              <tr>
                <th scope="col">Identity provider</th>
                <th scope="col">The SCIM URL goes in</th>
                <th scope="col">The token goes in</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Okta</th>
                <td>“Base URL”</td>
                <td>“API Token”</td>
              </tr>
              <tr>
                <th scope="row">Microsoft Entra ID</th>
                <td>“Tenant URL”</td>
                <td>“Secret Token”</td>
              </tr>
            </tbody>
          </table>
        </TableBox>
        <p className={styles.hint}>Then press the identity provider’s “Test API Credentials” (Okta) or “Test Connection” (Entra ID), and save.</p>
      </section>

      <section className={styles.section} aria-labelledby="tokens-title">
        <div className={styles.toolbar}>
          <h2 id="tokens-title" className={styles.sectionTitle}>
            SCIM tokens
          </h2>
          <GenerateTokenDialog groupId={groupId} client={settings.connection.client} activeNames={activeTokens.map((t) => t.name)} />
        </div>
        <TokensTable groupId={groupId} tokens={settings.tokens} />
        {activeTokens.length >= 2 ? (
          <div className={styles.notice} role="note" aria-label="Rotating tokens">
            <strong>Rotating tokens:</strong> {activeTokens.length} tokens are active.
            <ol>
              <li>Paste the new token into the identity provider and save.</li>
              <li>Wait until the new token shows a last use in the table above.</li>
              <li>Then revoke the old one.</li>
            </ol>
          </div>
        ) : null}
      </section>

      <ConnectionHealth connection={settings.connection} activeTokens={activeTokens.length} memberCount={memberCount} />
    </>
  );
}
