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
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useMemo } from 'react';
import { VALUE_PATH_SUGGESTIONS } from '../../../../../workflows';
import { useLanguage } from '../../../i18n/use-language';
import { fill, useFlowEditorWords } from '../flow-editor-words';
import {
  emptyValueOf,
  fieldView,
  isStringSchema,
  nextItemId,
  portIdFieldOf,
  type FieldView,
  type JsonSchema,
} from './json-schema';
import { WeeklyHoursEditor } from './weekly-hours-editor';

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

/** The fields of an object schema; the inspector's form for a node's config. */
export function ObjectFields({
  schema,
  value,
  onChange,
  path,
  context,
}: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  path: string;
  context: FormContext;
}) {
  const entries = Object.entries(schema.properties ?? {});
  return (
    <Stack gap="sm">
      {entries.map(([key, property]) => (
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
      ))}
    </Stack>
  );
}

function SchemaField({
  name,
  schema,
  value,
  onChange,
  path,
  context,
  required,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  onChange(value: unknown): void;
  path: string;
  context: FormContext;
  required: boolean;
}) {
  const language = useLanguage();
  const words = useFlowEditorWords().form;
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
            { value: String(value), label: fill(words.unknownGroup, { id: String(value).slice(0, 8) }) },
          ];
    return (
      <Select
        {...common}
        data={data}
        value={typeof value === 'string' && value !== '' ? value : null}
        onChange={(next) => onChange(next ?? '')}
        placeholder={context.acdGroups.length ? words.chooseAcdGroup : words.noAcdGroups}
        searchable
        nothingFoundMessage={words.noSuchGroup}
        comboboxProps={{ withinPortal: true }}
      />
    );
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
        nothingFoundMessage={words.noSuchTimeZone}
      />
    );
  }
  if (view.widget === 'value-path') {
    return (
      <Autocomplete
        {...common}
        data={[...VALUE_PATH_SUGGESTIONS]}
        value={typeof value === 'string' ? value : ''}
        onChange={onChange}
        description={
          view.description ?? fill(words.valuePathHint, { paths: VALUE_PATH_SUGGESTIONS.slice(0, 3).join(', ') })
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
          placeholder={view.placeholder ?? words.typeThenEnter}
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
  const description = view.description ?? (template ? words.templateHint : undefined);
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
function ListEditor({
  view,
  schema,
  value,
  onChange,
  path,
  context,
}: {
  view: FieldView;
  schema: JsonSchema;
  value: unknown[];
  onChange(value: unknown[]): void;
  path: string;
  context: FormContext;
}) {
  const words = useFlowEditorWords().form;
  const items = schema.items!;
  const itemName = view.item?.name ?? words.entry;
  const heading = view.item?.heading ?? words.entry.charAt(0).toUpperCase() + words.entry.slice(1);
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
      <Group justify="space-between" mb={6}>
        <Text size="xs" fw={600}>
          {view.title}
        </Text>
        {!context.readOnly && (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<Plus size={12} />}
            onClick={add}
            className="nodrag nokey"
          >
            {fill(words.add, { item: itemName })}
          </Button>
        )}
      </Group>
      {listError && (
        <Text size="xs" c="red.7" mb={6} role="alert">
          {listError}
        </Text>
      )}
      <Stack gap={6}>
        {value.length === 0 && (
          <Text size="xs" c="dimmed">
            {view.item?.empty ?? fill(words.noItems, { item: itemName })}
          </Text>
        )}
        {value.map((item, index) => (
          <Paper key={index} withBorder p={8} radius="sm" className="list-item" data-item={index}>
            <Group justify="space-between" mb={4} wrap="nowrap">
              <Text size="xs" c="dimmed" fw={600}>
                {heading} {index + 1}
              </Text>
              {!context.readOnly && (
                <Group gap={2} wrap="nowrap">
                  <Tooltip label={words.moveUp}>
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      color="gray"
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                      aria-label={words.moveUp}
                    >
                      <ArrowUp size={12} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={words.moveDown}>
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      color="gray"
                      disabled={index === value.length - 1}
                      onClick={() => move(index, index + 1)}
                      aria-label={words.moveDown}
                    >
                      <ArrowDown size={12} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={fill(words.remove, { item: itemName })}>
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(value.filter((_, i) => i !== index))}
                      aria-label={fill(words.removeNumbered, { item: itemName, number: index + 1 })}
                    >
                      <Trash2 size={12} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              )}
            </Group>
            <ItemFields
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

/** An item's fields laid out two to a row; a field declared wide takes a row of its own. */
function ItemFields({
  schema,
  value,
  onChange,
  path,
  context,
}: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  path: string;
  context: FormContext;
}) {
  const language = useLanguage();
  const entries = Object.entries(schema.properties ?? {});
  return (
    <div className="item-grid">
      {entries.map(([key, property]) => (
        <div key={key} style={{ gridColumn: fieldView(property, key, language).wide ? '1 / -1' : undefined }}>
          <SchemaField
            name={key}
            schema={property}
            required={schema.required?.includes(key) ?? false}
            value={value[key]}
            onChange={(next) => onChange({ ...value, [key]: next })}
            path={`${path}.${key}`}
            context={context}
          />
        </div>
      ))}
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
}: {
  view: FieldView;
  schema: JsonSchema;
  value: Record<string, string>;
  onChange(value: Record<string, string>): void;
  path: string;
  context: FormContext;
}) {
  const language = useLanguage();
  const words = useFlowEditorWords().form;
  const rows = useMemo(() => Object.entries(value), [value]);
  const itemName = view.item?.name ?? words.entry;
  const keyTitle = schema.propertyNames ? fieldView(schema.propertyNames, words.key, language).title : words.key;
  const valueTitle =
    typeof schema.additionalProperties === 'object'
      ? fieldView(schema.additionalProperties, words.value, language).title
      : words.value;
  const setRow = (index: number, key: string, text: string) => {
    const next = rows.map((row, i) => (i === index ? ([key, text] as [string, string]) : row));
    onChange(Object.fromEntries(next));
  };
  return (
    <div>
      <Group justify="space-between" mb={6}>
        <Text size="xs" fw={600}>
          {view.title}
        </Text>
        {!context.readOnly && (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<Plus size={12} />}
            className="nodrag nokey"
            onClick={() => onChange({ ...value, [uniqueKey(value, view.item?.newKey ?? 'key')]: '' })}
          >
            {fill(words.add, { item: itemName })}
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        {rows.length === 0 && (
          <Text size="xs" c="dimmed">
            {view.item?.empty ?? fill(words.noItems, { item: itemName })}
          </Text>
        )}
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
                aria-label={fill(words.remove, { item: itemName })}
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

function uniqueKey(value: Record<string, string>, first: string): string {
  for (let n = 1; ; n += 1) {
    const key = n === 1 ? first : `${first}-${n}`;
    if (!(key in value)) return key;
  }
}
