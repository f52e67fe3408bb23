// A react-hook-form resolver that converts the form's text values to the contract's input and
// validates with the shared zod schema, so the form says exactly what the back end would.
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

const keyed = { error: (issue: { code: string }) => `validation.${issue.code}` };

export function schemaResolver<V extends FieldValues, T>(
  schema: z.ZodType<T>,
  convert: (values: V) => unknown,
  extra?: (value: T) => { path: string; messageKey: string }[],
): Resolver<V> {
  return async (values) => {
    const parsed = schema.safeParse(convert(values), keyed);
    const issues = parsed.success
      ? (extra?.(parsed.data) ?? [])
      : parsed.error.issues.map((i) => ({
          path: i.path.map(String).join('.'),
          messageKey: i.message.startsWith('validation.') ? i.message : `validation.${i.code}`,
        }));
    if (issues.length === 0) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const i of issues) errors[i.path] ??= { type: 'schema', message: i.messageKey };
    return { values: {}, errors: errors as FieldErrors<V> };
  };
}
