// SQL identifiers that come from users (table, order column) are checked against a strict
// pattern and then double-quoted, so they can never change the statement's meaning.
import { UserError } from '../types';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
/** PostgreSQL truncates longer names silently (NAMEDATALEN - 1). */
const MAX_LENGTH = 63;

/** Throws a UserError unless `name` is a plain identifier; `what` names the field in the message. */
export function checkIdentifier(name: string, what: string): string {
  if (name.length === 0) throw new UserError(`The ${what} name is empty. Use a name like iris_data.`);
  if (name.length > MAX_LENGTH) {
    throw new UserError(`The ${what} name "${name.slice(0, 20)}…" is ${name.length} characters long; PostgreSQL allows at most ${MAX_LENGTH}.`);
  }
  if (!IDENTIFIER.test(name)) {
    throw new UserError(
      `The ${what} name ${JSON.stringify(name)} is not allowed: use letters, digits and _ only, starting with a letter or _ (for example iris_data).`,
    );
  }
  return name;
}

/** A table name, optionally schema-qualified ("iris_data" or "public.iris_data"), checked part by part. */
export function checkTableName(name: string): string[] {
  const parts = name.split('.');
  if (parts.length > 2) throw new UserError(`The table name ${JSON.stringify(name)} has too many dots: use table or schema.table.`);
  return parts.map((p) => checkIdentifier(p, parts.length === 2 && p === parts[0] ? 'schema' : 'table'));
}

/** Double-quotes an identifier the way PostgreSQL's quote_ident does. */
export function quoteIdentifier(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** The quoted form of a checked, possibly schema-qualified table name. */
export function quoteTableName(name: string): string {
  return checkTableName(name).map(quoteIdentifier).join('.');
}
