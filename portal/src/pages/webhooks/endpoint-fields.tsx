import { ApiError } from '../../api/api-error';
import { endpointFieldOf, type EndpointField, type EndpointFormValues } from '../../lib/webhook-form';
import styles from '../../ui/ui.module.css';
import { EventTypePicker } from './event-type-picker';
import { GroupPicker } from './group-picker';

/**
 * The fields of the endpoint form, for adding and editing: URL, description, event types, groups,
 * enabled. `problems` are the form's own checks and the server's, each on its field.
 */
export function EndpointFields({
  values,
  problems,
  onChange,
}: {
  values: EndpointFormValues;
  problems: Partial<Record<EndpointField, string>>;
  onChange: (values: EndpointFormValues) => void;
}) {
  return (
    <>
      <div className={styles.field}>
        <label htmlFor="endpoint-url" className={styles.label}>
          URL
        </label>
        <input
          id="endpoint-url"
          type="url"
          className={styles.input}
          value={values.url}
          autoComplete="off"
          aria-invalid={Boolean(problems.url)}
          aria-describedby="endpoint-url-note"
          onChange={(e) => onChange({ ...values, url: e.target.value })}
        />
        <span id="endpoint-url-note" className={problems.url ? styles.fieldError : styles.hint}>
          {problems.url ?? 'Where Roster POSTs each event: an https URL at a public address, e.g. https://example.com/webhooks/roster.'}
        </span>
      </div>
      <div className={styles.field}>
        <label htmlFor="endpoint-description" className={styles.label}>
          Description (optional)
        </label>
        <input
          id="endpoint-description"
          className={styles.input}
          value={values.description}
          aria-invalid={Boolean(problems.description)}
          aria-describedby="endpoint-description-note"
          onChange={(e) => onChange({ ...values, description: e.target.value })}
        />
        <span id="endpoint-description-note" className={problems.description ? styles.fieldError : styles.hint}>
          {problems.description ?? 'What receives them, e.g. “Host app, production”.'}
        </span>
      </div>
      <EventTypePicker
        allTypes={values.allTypes}
        types={values.types}
        error={problems.eventTypes}
        onChange={(allTypes, types) => onChange({ ...values, allTypes, types })}
      />
      <GroupPicker
        allGroups={values.allGroups}
        groupIds={values.groupIds}
        error={problems.groupIds}
        onChange={(allGroups, groupIds) => onChange({ ...values, allGroups, groupIds })}
      />
      <div className={styles.field}>
        <label className={styles.label}>
          <input
            type="checkbox"
            checked={values.enabled}
            aria-describedby="endpoint-enabled-note"
            onChange={(e) => onChange({ ...values, enabled: e.target.checked })}
          />{' '}
          Enabled
        </label>
        <span id="endpoint-enabled-note" className={styles.hint}>
          While disabled, events are queued and sent in order once it is enabled again.
        </span>
      </div>
    </>
  );
}

/** The server's problems with a save: each on its field where the form has it, the rest for the dialog. */
export function serverProblems(error: unknown): { onFields: Partial<Record<EndpointField, string>>; unplaced: boolean } {
  if (!(error instanceof ApiError)) return { onFields: {}, unplaced: error !== null && error !== undefined };
  const { fields, general } = error.byField();
  const onFields: Partial<Record<EndpointField, string>> = {};
  let unplaced = general.length > 0;
  for (const [field, message] of Object.entries(fields)) {
    const own = endpointFieldOf(field);
    if (own) onFields[own] ??= message;
    else unplaced = true;
  }
  return { onFields, unplaced };
}
