import {
  ActionIcon,
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { ComboboxItem } from '@mantine/core';
import { ArrowDown, ArrowUp, Plus, Trash2, type LucideIcon } from 'lucide-react';
import { useMemo } from 'react';
import { VALUE_PATH_CHOICES, VALUE_PATH_SUGGESTIONS } from '../../../../../workflows';
import { useLanguage } from '../../../i18n/use-language';
import type { Language } from '../../../../../i18n/languages';
import {
  emptyValueOf,
  fieldView,
  isStringSchema,
  nextItemId,
  portIdFieldOf,
  type FieldView,
  type JsonSchema,
} from './json-schema';
import { SendConnectorSelect } from './send-connector-select';
import { WeeklyHoursEditor } from './weekly-hours-editor';
import { useTranslation } from 'react-i18next';
import { t } from '../../../i18n/setup-i18n';

export interface FormContext {
  acdGroups: { value: string; label: string }[];
  /** Messages by dotted path inside the config ("cases.0.value"). */
  errors: Record<string, string>;
  readOnly: boolean;
}

let timeZones: string[] | undefined;
function allTimeZones(): string[] {
  if (!timeZones) {
    try {
      timeZones = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      timeZones = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/New_York'];
    }
    if (!timeZones.includes('UTC')) timeZones = ['UTC', ...timeZones];
  }
  return timeZones;
}

const MONOSPACE = { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 };

/** What every part of the form gets: its schema, its value and where it sits in the config. */
interface FieldProps<V> {
  schema: JsonSchema;
  value: V;
  onChange(value: V): void;
  path: string;
  context: FormContext;
}

/**
 * The fields of an object schema: the inspector's form for a node's config, or (`grid`) a list
 * item's fields two to a row, where a field declared wide takes a row of its own.
 */
export function ObjectFields({
  schema,
  value,
  onChange,
  path,
  context,
  grid = false,
}: FieldProps<Record<string, unknown>> & { grid?: boolean }) {
  const language = useLanguage();
  const fields = Object.entries(schema.properties ?? {}).map(([key, property]) => {
    const field = (
      <SchemaField
        key={key}
        name={key}
        schema={property}
        required={schema.required?.includes(key) ?? false}
        value={value[key]}
        onChange={(next) => onChange({ ...value, [key]: next })}
        path={path ? `${path}.${key}` : key}
        context={context}
      />
    );
    if (!grid) return field;
    return (
      <div key={key} style={{ gridColumn: fieldView(property, key, language).wide ? '1 / -1' : undefined }}>
        {field}
      </div>
    );
  });
  return grid ? <div className="item-grid">{fields}</div> : <Stack gap="sm">{fields}</Stack>;
}

function SchemaField({
  name,
  schema,
  value,
  onChange,
  path,
  context,
  required,
}: FieldProps<unknown> & { name: string; required: boolean }) {
  const language = useLanguage();
  const { t } = useTranslation();
  const view = fieldView(schema, name, language);
  const error = context.errors[path];
  const common = {
    label: view.title,
    'aria-label': view.title,
    error,
    required,
    disabled: context.readOnly,
    className: 'nodrag nokey',
    size: 'xs' as const,
    'data-path': path,
  };

  if (view.widget === 'acd-group') {
    const known = context.acdGroups.some((group) => group.value === value);
    const data =
      known || !value
        ? context.acdGroups
        : [
            ...context.acdGroups,
            { value: String(value), label: t('flowEditor.form.unknownGroup', { id: String(value).slice(0, 8) }) },
          ];
    return (
      <Select
        {...common}
        data={data}
        value={typeof value === 'string' && value !== '' ? value : null}
        onChange={(next) => onChange(next ?? '')}
        placeholder={context.acdGroups.length ? t('flowEditor.form.chooseAcdGroup') : t('flowEditor.form.noAcdGroups')}
        searchable
        nothingFoundMessage={t('flowEditor.form.noSuchGroup')}
        comboboxProps={{ withinPortal: true }}
      />
    );
  }
  if (view.widget === 'send-connector') {
    return <SendConnectorSelect common={common} value={value} onChange={onChange} />;
  }
  if (view.widget === 'time-zone') {
    return (
      <Select
        {...common}
        data={allTimeZones()}
        value={typeof value === 'string' ? value : null}
        onChange={(next) => onChange(next ?? '')}
        searchable
        limit={200}
        nothingFoundMessage={t('flowEditor.form.noSuchTimeZone')}
      />
    );
  }
  if (view.widget === 'value-path') {
    const path = typeof value === 'string' ? value : '';
    const chosen = VALUE_PATH_CHOICES.find((choice) => choice.path === path);
    return (
      <Autocomplete
        {...common}
        data={[...VALUE_PATH_SUGGESTIONS]}
        value={path}
        onChange={onChange}
        filter={({ options, search }) => valuePathOptions(options as ComboboxItem[], search, language)}
        renderOption={({ option }) => (
          <div data-value-path={option.value}>
            <Text size="xs" ff="monospace">
              {option.value}
            </Text>
            <Text size="xs" c="dimmed">
              {VALUE_PATH_CHOICES.find((choice) => choice.path === option.value)?.description[language]}
            </Text>
          </div>
        )}
        comboboxProps={{ withinPortal: true }}
        description={
          chosen?.description[language] ??
          view.description ??
          t('flowEditor.form.valuePathHint', { paths: VALUE_PATH_SUGGESTIONS.slice(0, 3).join(', ') })
        }
      />
    );
  }
  if (view.options) {
    return (
      <Select
        {...common}
        data={view.options}
        value={value === undefined || value === null ? null : String(value)}
        onChange={(next) => onChange(next ?? schema.default)}
        allowDeselect={false}
        description={view.description}
      />
    );
  }
  if (schema.type === 'boolean') {
    return (
      <Switch
        label={view.title}
        checked={value === true}
        onChange={(event) => onChange(event.currentTarget.checked)}
        disabled={context.readOnly}
        className="nodrag nokey"
        size="sm"
        error={error}
        description={view.description}
      />
    );
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return (
      <NumberInput
        {...common}
        value={typeof value === 'number' ? value : ''}
        onChange={(next) => onChange(typeof next === 'number' ? next : next === '' ? undefined : Number(next))}
        min={schema.minimum}
        max={schema.maximum}
        allowDecimal={schema.type === 'number'}
        description={view.description}
      />
    );
  }
  if (schema.type === 'array' && schema.items) {
    if (isStringSchema(schema.items)) {
      return (
        <TagsInput
          {...common}
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={onChange}
          placeholder={view.placeholder ?? t('flowEditor.form.typeThenEnter')}
          description={view.description}
          clearable
        />
      );
    }
    return (
      <ListEditor
        view={view}
        schema={schema}
        value={Array.isArray(value) ? value : []}
        onChange={onChange}
        path={path}
        context={context}
      />
    );
  }
  if (view.widget === 'weekly-hours') {
    return (
      <WeeklyHoursEditor
        label={view.title}
        schema={schema}
        value={(value ?? {}) as Record<string, Record<string, string>[]>}
        onChange={onChange}
        path={path}
        errors={context.errors}
        readOnly={context.readOnly}
      />
    );
  }
  if (schema.type === 'object' && schema.properties) {
    return (
      <div>
        <Text size="xs" fw={600} mb={4}>
          {view.title}
        </Text>
        <ObjectFields
          schema={schema}
          value={(value ?? {}) as Record<string, unknown>}
          onChange={onChange}
          path={path}
          context={context}
        />
      </div>
    );
  }
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    return (
      <KeyValueEditor
        view={view}
        schema={schema}
        value={(value ?? {}) as Record<string, string>}
        onChange={onChange}
        path={path}
        context={context}
      />
    );
  }
  // Text (and a union of texts, such as "a variable name or nothing").
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  const template = view.widget === 'template';
  const description = view.description ?? (template ? t('flowEditor.form.templateHint') : undefined);
  if (template && (view.rows !== undefined || (schema.maxLength ?? 0) > 1000)) {
    return (
      <Textarea
        {...common}
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
        autosize
        minRows={view.rows ?? 1}
        maxRows={10}
        placeholder={view.placeholder}
        styles={{ input: MONOSPACE }}
        description={description}
      />
    );
  }
  return (
    <TextInput
      {...common}
      value={text}
      onChange={(event) => onChange(event.currentTarget.value)}
      placeholder={view.placeholder}
      styles={template ? { input: MONOSPACE } : undefined}
      description={description}
    />
  );
}

/** Switch cases, split branches, variables: a row per item, reorderable. */
function ListEditor({ view, schema, value, onChange, path, context }: FieldProps<unknown[]> & { view: FieldView }) {
  const { t } = useTranslation();
  const items = schema.items!;
  const itemName = itemNameOf(view);
  const heading =
    view.item?.heading ?? t('flowEditor.form.entry').charAt(0).toUpperCase() + t('flowEditor.form.entry').slice(1);
  const listError = context.errors[path];
  const add = () => {
    const item = emptyValueOf(items) as Record<string, unknown>;
    const idField = portIdFieldOf(items);
    if (idField !== undefined) item[idField] = nextItemId(view.item?.idPrefix || 'item', value, idField);
    onChange([...value, item]);
  };
  const move = (from: number, to: number) => {
    const next = [...value];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    onChange(next);
  };
  return (
    <div data-list={path}>
      <CollectionHeader view={view} readOnly={context.readOnly} onAdd={add} />
      {listError && (
        <Text size="xs" c="red.7" mb={6} role="alert">
          {listError}
        </Text>
      )}
      <Stack gap={6}>
        {value.length === 0 && <NoItems view={view} />}
        {value.map((item, index) => (
          <Paper key={index} withBorder p={8} radius="sm" className="list-item" data-item={index}>
            <Group justify="space-between" mb={4} wrap="nowrap">
              <Text size="xs" c="dimmed" fw={600}>
                {heading} {index + 1}
              </Text>
              {!context.readOnly && (
                <Group gap={2} wrap="nowrap">
                  <ItemButton
                    icon={ArrowUp}
                    label={t('flowEditor.form.moveUp')}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  />
                  <ItemButton
                    icon={ArrowDown}
                    label={t('flowEditor.form.moveDown')}
                    disabled={index === value.length - 1}
                    onClick={() => move(index, index + 1)}
                  />
                  <ItemButton
                    icon={Trash2}
                    color="red"
                    label={t('flowEditor.form.remove', { item: itemName })}
                    ariaLabel={t('flowEditor.form.removeNumbered', { item: itemName, number: index + 1 })}
                    onClick={() => onChange(value.filter((_, i) => i !== index))}
                  />
                </Group>
              )}
            </Group>
            <ObjectFields
              grid
              schema={items}
              value={(item ?? {}) as Record<string, unknown>}
              onChange={(next) => onChange(value.map((other, i) => (i === index ? next : other)))}
              path={`${path}.${index}`}
              context={context}
            />
          </Paper>
        ))}
      </Stack>
    </div>
  );
}

/** A map such as HTTP headers: a row per key and value, named as the map's declaration says. */
function KeyValueEditor({
  view,
  schema,
  value,
  onChange,
  path,
  context,
}: FieldProps<Record<string, string>> & { view: FieldView }) {
  const language = useLanguage();
  const { t } = useTranslation();
  const rows = useMemo(() => Object.entries(value), [value]);
  const itemName = itemNameOf(view);
  const keyTitle = schema.propertyNames
    ? fieldView(schema.propertyNames, t('flowEditor.form.key'), language).title
    : t('flowEditor.form.key');
  const valueTitle =
    typeof schema.additionalProperties === 'object'
      ? fieldView(schema.additionalProperties, t('flowEditor.form.value'), language).title
      : t('flowEditor.form.value');
  const setRow = (index: number, key: string, text: string) => {
    const next = rows.map((row, i) => (i === index ? ([key, text] as [string, string]) : row));
    onChange(Object.fromEntries(next));
  };
  return (
    <div>
      <CollectionHeader
        view={view}
        readOnly={context.readOnly}
        onAdd={() => onChange({ ...value, [uniqueKey(value, view.item?.newKey ?? 'key')]: '' })}
      />
      <Stack gap={4}>
        {rows.length === 0 && <NoItems view={view} />}
        {rows.map(([key, text], index) => (
          <Group key={index} gap={4} wrap="nowrap" align="flex-start">
            <TextInput
              size="xs"
              className="nodrag nokey"
              value={key}
              onChange={(e) => setRow(index, e.currentTarget.value, text)}
              aria-label={keyTitle}
              w="40%"
              disabled={context.readOnly}
              error={context.errors[path]}
            />
            <TextInput
              size="xs"
              className="nodrag nokey"
              value={text}
              onChange={(e) => setRow(index, key, e.currentTarget.value)}
              aria-label={valueTitle}
              style={{ flex: 1 }}
              disabled={context.readOnly}
              error={context.errors[`${path}.${key}`]}
            />
            {!context.readOnly && (
              <ActionIcon
                size="sm"
                variant="subtle"
                color="red"
                aria-label={t('flowEditor.form.remove', { item: itemName })}
                onClick={() => onChange(Object.fromEntries(rows.filter((_, i) => i !== index)))}
              >
                <Trash2 size={12} />
              </ActionIcon>
            )}
          </Group>
        ))}
      </Stack>
    </div>
  );
}

/** A list's or map's title, with a button that adds an item (unless the form is read-only). */
function CollectionHeader({ view, readOnly, onAdd }: { view: FieldView; readOnly: boolean; onAdd(): void }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mb={6}>
      <Text size="xs" fw={600}>
        {view.title}
      </Text>
      {!readOnly && (
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<Plus size={12} />}
          onClick={onAdd}
          className="nodrag nokey"
        >
          {t('flowEditor.form.add', { item: itemNameOf(view) })}
        </Button>
      )}
    </Group>
  );
}

/** What an empty list or map says: the declaration's words, else "No entries yet". */
function NoItems({ view }: { view: FieldView }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed">
      {view.item?.empty ?? t('flowEditor.form.noItems', { item: itemNameOf(view) })}
    </Text>
  );
}

/** A small icon button on a list item: move it, remove it. */
function ItemButton({
  icon: Icon,
  label,
  ariaLabel = label,
  color = 'gray',
  disabled,
  onClick,
}: {
  icon: LucideIcon;
  label: string;
  ariaLabel?: string;
  color?: string;
  disabled?: boolean;
  onClick(): void;
}) {
  return (
    <Tooltip label={label}>
      <ActionIcon size="xs" variant="subtle" color={color} disabled={disabled} onClick={onClick} aria-label={ariaLabel}>
        <Icon size={12} />
      </ActionIcon>
    </Tooltip>
  );
}

const itemNameOf = (view: FieldView) => view.item?.name ?? t('flowEditor.form.entry');

function uniqueKey(value: Record<string, string>, first: string): string {
  for (let n = 1; ; n += 1) {
    const key = n === 1 ? first : `${first}-${n}`;
    if (!(key in value)) return key;
  }
}

/**
 * The value paths a picker offers for what was typed: all of them while the field holds one (so
 * the picker shows the alternatives), else those whose path or description contains the words.
 */
function valuePathOptions(options: ComboboxItem[], search: string, language: Language): ComboboxItem[] {
  const words = search.trim().toLowerCase();
  if (words === '' || VALUE_PATH_SUGGESTIONS.includes(search.trim())) return options;
  return options.filter((option) => {
    const description = VALUE_PATH_CHOICES.find((choice) => choice.path === option.value)?.description[language] ?? '';
    return `${option.value} ${description}`.toLowerCase().includes(words);
  });
}
