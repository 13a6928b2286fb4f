import { z } from 'zod';
import type { Localized } from '../../i18n/languages';
import { says, saying } from '../node-types/check-words';
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
          ...saying({
            en: `{{${path}}} is not a value a workflow can read; use sms.sender, sms.text, sms.keyword, … or vars.name`,
            de: `{{${path}}} ist kein Wert, den ein Workflow lesen kann; nutzen Sie sms.sender, sms.text, sms.keyword, … oder vars.name`,
          }),
        });
      }
    })
    .meta({ ui: { ...ui, widget: 'template' } });
}

/** An ACD group of the client. A new node starts without one; prefault makes a missing one an issue too. */
export function acdGroupIdField() {
  return z
    .uuid({ error: says({ en: 'Choose an ACD group', de: 'Wählen Sie eine ACD-Gruppe' }) })
    .prefault('')
    .meta({ ui: { title: { en: 'ACD group', de: 'ACD-Gruppe' }, widget: 'acd-group' } });
}

export function variableNameField(title: Localized) {
  return z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, {
      error: says({
        en: 'A variable name starts with a letter or _ and has only letters, digits and _',
        de: 'Ein Variablenname beginnt mit einem Buchstaben oder _ und hat nur Buchstaben, Ziffern und _',
      }),
    })
    .meta({ ui: { title } });
}

/** What a node reads: `sms.sender`, `sms.text`, `sms.keyword`, … or a variable such as `vars.crm.tier`. */
export function valuePathField(title: Localized) {
  return z
    .string()
    .regex(VALUE_PATH, {
      error: says({
        en: 'Compare sms.sender, sms.text, sms.firstWord, sms.keyword, sms.receiver or a variable (vars.name)',
        de: 'Vergleichen Sie sms.sender, sms.text, sms.firstWord, sms.keyword, sms.receiver oder eine Variable (vars.name)',
      }),
    })
    .meta({ ui: { title, widget: 'value-path', wide: true } });
}

/** A short id for a case or branch: it is also the port id, so edges keep pointing at it. */
export function portIdField() {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, {
      error: says({ en: 'Use 1–40 letters, digits, _ or -', de: 'Nutzen Sie 1–40 Buchstaben, Ziffern, _ oder -' }),
    })
    .refine((id) => id !== 'default', {
      error: says({
        en: '"default" is reserved for the default port',
        de: '„default“ ist für den Standard-Port reserviert',
      }),
    })
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
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        ...saying({ en: `The id "${item.id}" is used twice`, de: `Die ID „${item.id}“ kommt doppelt vor` }),
      });
    }
    seen.add(item.id);
  });
}
