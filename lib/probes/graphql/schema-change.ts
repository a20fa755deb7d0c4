// What a GraphQL schema change is, as runs record it and the integration page shows it. Types only: safe for the browser.

export interface SchemaChangeItem {
  /** graphql-js's change type (FIELD_REMOVED, VALUE_ADDED_TO_ENUM, …), or TYPE_ADDED / FIELD_ADDED for additions. */
  type: string;
  description: string;
}

export interface SchemaChange {
  breaking: SchemaChangeItem[];
  /** graphql-js's "dangerous" changes (an enum value or union member added, a default changed): may break some clients. */
  dangerous: SchemaChangeItem[];
  additive: SchemaChangeItem[];
}
