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
import { emptyValueOf, isStringSchema, isWeeklySchedule, titleOf, type JsonSchema } from './json-schema';
import { WeeklyHoursEditor } from './weekly-hours-editor';

export interface FormContext {
  acdGroups: { value: string; label: string }[];
  /** Messages by dotted path inside the config ("cases.0.value"). */
  errors: Record<string, string>;
  readOnly: boolean;
}

const VALUE_PATHS = [
  'sms.text',
  'sms.sender',
  'sms.keyword',
  'sms.receiver',
  'sms.connectorId',
  'sms.receivedAt',
  'vars.',
];

const ENUM_LABELS: Record<string, string> = {
  equals: 'equals',
  contains: 'contains',
  starts_with: 'starts with',
  regex: 'matches regex',
  in_list: 'is one of (comma-separated)',
  agents_available: 'At least N agents available',
  queue_below: 'Fewer than N SMS queued',
};

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
  compact,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown;
  onChange(value: unknown): void;
  path: string;
  context: FormContext;
  required: boolean;
  compact?: boolean;
}) {
  const label = compact ? undefined : titleOf(schema, name);
  const error = context.errors[path];
  const common = {
    label,
    'aria-label': titleOf(schema, name),
    error,
    required: required && !compact,
    disabled: context.readOnly,
    className: 'nodrag nokey',
    size: 'xs' as const,
    'data-path': path,
  };
  const widget = schema['x-widget'];

  if (widget === 'acd-group') {
    const known = context.acdGroups.some((group) => group.value === value);
    const data =
      known || !value
        ? context.acdGroups
        : [...context.acdGroups, { value: String(value), label: `Unknown group ${String(value).slice(0, 8)}…` }];
    return (
      <Select
        {...common}
        data={data}
        value={typeof value === 'string' && value !== '' ? value : null}
        onChange={(next) => onChange(next ?? '')}
        placeholder={context.acdGroups.length ? 'Choose an ACD group' : 'This client has no ACD group yet'}
        searchable
        nothingFoundMessage="No group of that name"
        comboboxProps={{ withinPortal: true }}
      />
    );
  }
  if (widget === 'time-zone') {
    return (
      <Select
        {...common}
        data={allTimeZones()}
        value={typeof value === 'string' ? value : null}
        onChange={(next) => onChange(next ?? '')}
        searchable
        limit={200}
        nothingFoundMessage="No such time zone"
      />
    );
  }
  if (widget === 'value-path') {
    return (
      <Autocomplete
        {...common}
        data={VALUE_PATHS}
        value={typeof value === 'string' ? value : ''}
        onChange={onChange}
        description={compact ? undefined : 'sms.text, sms.sender, sms.keyword … or a variable such as vars.tier'}
      />
    );
  }
  if (schema.enum) {
    return (
      <Select
        {...common}
        data={schema.enum.map((option) => ({
          value: String(option),
          label: ENUM_LABELS[String(option)] ?? String(option),
        }))}
        value={value === undefined || value === null ? null : String(value)}
        onChange={(next) => onChange(next ?? schema.default)}
        allowDeselect={false}
      />
    );
  }
  if (schema.type === 'boolean') {
    return (
      <Switch
        label={titleOf(schema, name)}
        checked={value === true}
        onChange={(event) => onChange(event.currentTarget.checked)}
        disabled={context.readOnly}
        className="nodrag nokey"
        size="sm"
        error={error}
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
          placeholder={schema.items.format === 'date' ? 'YYYY-MM-DD, then Enter' : 'Type, then Enter'}
          description={schema.items.format === 'date' ? 'Local dates on which it stays closed all day' : undefined}
          clearable
        />
      );
    }
    return (
      <ListEditor
        name={name}
        schema={schema}
        value={Array.isArray(value) ? value : []}
        onChange={onChange}
        path={path}
        context={context}
      />
    );
  }
  if (schema.type === 'object' && isWeeklySchedule(schema)) {
    return (
      <WeeklyHoursEditor
        label={titleOf(schema, name)}
        value={(value ?? {}) as Record<string, { from: string; to: string }[]>}
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
          {label}
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
        label={label ?? ''}
        value={(value ?? {}) as Record<string, string>}
        onChange={onChange}
        path={path}
        context={context}
      />
    );
  }
  // Text (and a union of texts, such as "a variable name or nothing").
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  if (widget === 'template' && (schema.maxLength ?? 0) > 1000) {
    return (
      <Textarea
        {...common}
        value={text}
        onChange={(event) => onChange(event.currentTarget.value)}
        autosize
        minRows={name === 'body' ? 3 : 1}
        maxRows={10}
        styles={{
          input: {
            fontFamily: widget === 'template' ? 'var(--mantine-font-family-monospace)' : undefined,
            fontSize: 12,
          },
        }}
        description={compact ? undefined : 'Placeholders: {{sms.sender}}, {{sms.text}}, {{vars.name}}'}
      />
    );
  }
  return (
    <TextInput
      {...common}
      value={text}
      onChange={(event) => onChange(event.currentTarget.value)}
      placeholder={compact ? titleOf(schema, name) : undefined}
      styles={
        widget === 'template'
          ? { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }
          : undefined
      }
      description={
        widget === 'template' && !compact ? 'Placeholders: {{sms.sender}}, {{sms.text}}, {{vars.name}}' : undefined
      }
    />
  );
}

/** Switch cases, split branches, variables: a row per item, reorderable. */
function ListEditor({
  name,
  schema,
  value,
  onChange,
  path,
  context,
}: {
  name: string;
  schema: JsonSchema;
  value: unknown[];
  onChange(value: unknown[]): void;
  path: string;
  context: FormContext;
}) {
  const items = schema.items!;
  const label = titleOf(schema, name);
  const singular = SINGULAR[name] ?? 'item';
  const listError = context.errors[path];
  const add = () => {
    const item = emptyValueOf(items) as Record<string, unknown>;
    if (items.properties?.id) item.id = nextId(name, value);
    if (name === 'branches') item.percent = 0;
    onChange([...value, item]);
  };
  const move = (from: number, to: number) => {
    const next = [...value];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    onChange(next);
  };
  return (
    <div data-list={name}>
      <Group justify="space-between" mb={6}>
        <Text size="xs" fw={600}>
          {label}
        </Text>
        {!context.readOnly && (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<Plus size={12} />}
            onClick={add}
            className="nodrag nokey"
          >
            Add {singular}
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
            {EMPTY_HINTS[name] ?? `No ${singular} yet.`}
          </Text>
        )}
        {value.map((item, index) => (
          <Paper key={index} withBorder p={8} radius="sm" className="list-item" data-item={index}>
            <Group justify="space-between" mb={4} wrap="nowrap">
              <Text size="xs" c="dimmed" fw={600}>
                {singular.charAt(0).toUpperCase() + singular.slice(1)} {index + 1}
              </Text>
              {!context.readOnly && (
                <Group gap={2} wrap="nowrap">
                  <Tooltip label="Move up">
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      color="gray"
                      disabled={index === 0}
                      onClick={() => move(index, index - 1)}
                      aria-label="Move up"
                    >
                      <ArrowUp size={12} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Move down">
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      color="gray"
                      disabled={index === value.length - 1}
                      onClick={() => move(index, index + 1)}
                      aria-label="Move down"
                    >
                      <ArrowDown size={12} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={`Remove ${singular}`}>
                    <ActionIcon
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(value.filter((_, i) => i !== index))}
                      aria-label={`Remove ${singular} ${index + 1}`}
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

/** An item's fields laid out two to a row. */
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
  const entries = Object.entries(schema.properties ?? {});
  const wide = (key: string, property: JsonSchema) => key === 'value' || property['x-widget'] === 'template';
  return (
    <div className="item-grid">
      {entries.map(([key, property]) => (
        <div key={key} style={{ gridColumn: wide(key, property) ? '1 / -1' : undefined }}>
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

function KeyValueEditor({
  label,
  value,
  onChange,
  path,
  context,
}: {
  label: string;
  value: Record<string, string>;
  onChange(value: Record<string, string>): void;
  path: string;
  context: FormContext;
}) {
  const rows = useMemo(() => Object.entries(value), [value]);
  const setRow = (index: number, key: string, text: string) => {
    const next = rows.map((row, i) => (i === index ? ([key, text] as [string, string]) : row));
    onChange(Object.fromEntries(next));
  };
  return (
    <div>
      <Group justify="space-between" mb={6}>
        <Text size="xs" fw={600}>
          {label}
        </Text>
        {!context.readOnly && (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<Plus size={12} />}
            className="nodrag nokey"
            onClick={() => onChange({ ...value, [uniqueKey(value)]: '' })}
          >
            Add header
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        {rows.length === 0 && (
          <Text size="xs" c="dimmed">
            No headers.
          </Text>
        )}
        {rows.map(([key, text], index) => (
          <Group key={index} gap={4} wrap="nowrap" align="flex-start">
            <TextInput
              size="xs"
              className="nodrag nokey"
              value={key}
              onChange={(e) => setRow(index, e.currentTarget.value, text)}
              aria-label="Header name"
              w="40%"
              disabled={context.readOnly}
              error={context.errors[path]}
            />
            <TextInput
              size="xs"
              className="nodrag nokey"
              value={text}
              onChange={(e) => setRow(index, key, e.currentTarget.value)}
              aria-label="Header value"
              style={{ flex: 1 }}
              disabled={context.readOnly}
              error={context.errors[`${path}.${key}`]}
            />
            {!context.readOnly && (
              <ActionIcon
                size="sm"
                variant="subtle"
                color="red"
                aria-label="Remove header"
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

const SINGULAR: Record<string, string> = { cases: 'case', branches: 'branch', assignments: 'variable' };
const EMPTY_HINTS: Record<string, string> = {
  cases: 'No cases yet: every SMS leaves by “default”. Add a case to branch on a value.',
  assignments: 'No variables yet.',
};

function nextId(name: string, items: unknown[]): string {
  const prefix = name === 'branches' ? 'branch' : name === 'cases' ? 'case' : 'item';
  const taken = new Set(items.map((item) => (item as { id?: string })?.id));
  for (let n = items.length + 1; ; n += 1) if (!taken.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

function uniqueKey(value: Record<string, string>): string {
  for (let n = 1; ; n += 1) {
    const key = n === 1 ? 'X-Header' : `X-Header-${n}`;
    if (!(key in value)) return key;
  }
}
