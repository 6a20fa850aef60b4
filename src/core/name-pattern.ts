// The pattern every user-chosen name follows (apps, resources, stages), read from the schema,
// which is its single source of truth.
import appSchema from '../../schema/app.schema.json' with { type: 'json' };

/** `^[a-z][a-zA-Z0-9-]{0,47}$` as the schema writes it (definitions.name.pattern). */
export const NAME_PATTERN_SOURCE: string = appSchema.definitions.name.pattern;

/** A name: starts with a lower-case letter; letters, digits and '-'; at most 48 characters. */
export const NAME_PATTERN = new RegExp(NAME_PATTERN_SOURCE);

/** The rule in words, for a prompt's answer that breaks it. */
export const NAME_RULE = 'start with a lower-case letter; letters, digits and -; at most 48 characters';
