import { z } from 'zod';
import type { Localized } from '../../i18n/languages';
import type { FieldUi } from '../node-types/field-ui';
import { unknownPlaceholders, VALUE_PATH } from '../templates/render-template';

// `ui` (see field-ui.ts) tells the editor's generated form how to draw and name each field.

/** A text with `{{sms.*}}` / `{{vars.*}}` placeholders. */
export function templateField(ui: Omit<FieldUi, 'widget'>, maxLength = 2_000) {
  return z
    .string()
    .max(maxLength)
    .superRefine((template, ctx) => {
      for (const path of unknownPlaceholders(template)) {
        ctx.addIssue({
          code: 'custom',
          message: `{{${path}}} is not a value a workflow can read; use sms.sender, sms.text, sms.keyword, … or vars.name`,
        });
      }
    })
    .meta({ ui: { ...ui, widget: 'template' } });
}

/** An ACD group of the client. A new node starts without one; prefault makes a missing one an issue too. */
export function acdGroupIdField() {
  return z
    .uuid({ error: 'Choose an ACD group' })
    .prefault('')
    .meta({ ui: { title: { en: 'ACD group', de: 'ACD-Gruppe' }, widget: 'acd-group' } });
}

export function variableNameField(title: Localized) {
  return z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, {
      error: 'A variable name starts with a letter or _ and has only letters, digits and _',
    })
    .meta({ ui: { title } });
}

/** What a node reads: `sms.sender`, `sms.text`, `sms.keyword`, … or a variable such as `vars.crm.tier`. */
export function valuePathField(title: Localized) {
  return z
    .string()
    .regex(VALUE_PATH, { error: 'Compare sms.sender, sms.text, sms.keyword, sms.receiver or a variable (vars.name)' })
    .meta({ ui: { title, widget: 'value-path', wide: true } });
}

/** A short id for a case or branch: it is also the port id, so edges keep pointing at it. */
export function portIdField() {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'Use 1–40 letters, digits, _ or -' })
    .refine((id) => id !== 'default', { error: '"default" is reserved for the default port' })
    .meta({ ui: { title: { en: 'Port id', de: 'Port-ID' }, widget: 'port-id' } });
}

/** The words the canvas shows on a case's or branch's port; empty shows something the node chooses (its id). */
export function portLabelField() {
  return z
    .string()
    .max(80)
    .default('')
    .meta({ ui: { title: { en: 'Label', de: 'Bezeichnung' } } });
}

/** Reports the index of every item whose `id` repeats an earlier one. */
export function uniqueIds<T extends { id: string }>(items: T[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `The id "${item.id}" is used twice` });
    }
    seen.add(item.id);
  });
}
