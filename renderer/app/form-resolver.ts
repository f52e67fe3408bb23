// Forms check what they send with the contract's own zod schemas, through react-hook-form's
// zodResolver: the form's texts are turned into the contract's input first (`convert`), and a
// screen's own rules (`extra`) are added as issues on the fields they name. Messages are i18n keys.
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
import { z } from 'zod';

/** Issues without a message of their own are named by their code: `validation.too_small`, … */
export const keyed = { error: (issue: { code: string }) => `validation.${issue.code}` };

export function schemaResolver<V extends FieldValues, T>(
  schema: z.ZodType<T>,
  convert: (values: V) => unknown,
  extra?: (value: T) => { path: string; messageKey: string }[],
): Resolver<V> {
  const checked = z
    .custom<V>()
    .transform(convert)
    .pipe(schema)
    .superRefine((value, ctx) => {
      for (const i of extra?.(value) ?? []) ctx.addIssue({ code: 'custom', path: i.path.split('.'), message: i.messageKey });
    });
  // raw: the form keeps its own values (texts); the converted input is made again where it is sent.
  return zodResolver(checked, keyed, { raw: true });
}
