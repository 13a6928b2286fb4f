import { ActionIcon, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { Plus, X } from 'lucide-react';
import { Fragment } from 'react';
import { useLanguage } from '../../../i18n/use-language';
import { fieldView, type JsonSchema } from './json-schema';
import { useTranslation } from 'react-i18next';

/** One opening interval; its two ends are keyed as the schema names them. */
type Interval = Record<string, string>;

/**
 * A week of opening intervals: a row per day, "closed" when it has none. The days, their names and
 * the names of an interval's ends are the schema's own (its properties, in order, and their titles).
 */
export function WeeklyHoursEditor({
  label,
  schema,
  value,
  onChange,
  path,
  errors,
  readOnly,
}: {
  label: string;
  schema: JsonSchema;
  value: Record<string, Interval[]>;
  onChange(value: Record<string, Interval[]>): void;
  path: string;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const language = useLanguage();
  const { t } = useTranslation();
  const days = Object.entries(schema.properties ?? {}).map(([key, day]) => ({
    key,
    name: fieldView(day, key, language).title,
    ends: intervalEnds(day.items, language),
  }));
  const setDay = (day: string, intervals: Interval[]) => onChange({ ...value, [day]: intervals });
  return (
    <div data-testid="weekly-hours">
      <Text size="xs" fw={600} mb={6}>
        {label}
      </Text>
      <Stack gap={4}>
        {days.map(({ key: day, name, ends }, dayIndex) => {
          const intervals = Array.isArray(value[day]) ? value[day] : [];
          const previous = days[dayIndex - 1];
          return (
            <Group key={day} gap={6} wrap="nowrap" align="flex-start" className="weekly-row">
              <Text size="xs" fw={500} w={30} mt={6}>
                {name}
              </Text>
              <Stack gap={4} style={{ flex: 1 }}>
                {intervals.length === 0 && (
                  <Text size="xs" c="dimmed" mt={6}>
                    {t('flowEditor.form.closed')}
                  </Text>
                )}
                {intervals.map((interval, index) => {
                  const at = `${path}.${day}.${index}`;
                  const error = errors[`${at}.${ends.from.key}`] ?? errors[`${at}.${ends.to.key}`] ?? errors[at];
                  const set = (patch: Interval) =>
                    setDay(
                      day,
                      intervals.map((other, i) => (i === index ? { ...other, ...patch } : other)),
                    );
                  return (
                    <div key={index}>
                      <Group gap={4} wrap="nowrap">
                        {[ends.from, ends.to].map((end) => (
                          <Fragment key={end.key}>
                            {end === ends.to && (
                              <Text size="xs" c="dimmed">
                                –
                              </Text>
                            )}
                            <TextInput
                              size="xs"
                              w={66}
                              value={interval[end.key] ?? ''}
                              onChange={(e) => set({ [end.key]: e.currentTarget.value })}
                              aria-label={`${name} ${end.title}`}
                              className="nodrag nokey"
                              disabled={readOnly}
                              error={Boolean(errors[`${at}.${end.key}`])}
                              placeholder={end.placeholder}
                            />
                          </Fragment>
                        ))}
                        {!readOnly && (
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="gray"
                            aria-label={t('flowEditor.form.removeInterval')}
                            onClick={() =>
                              setDay(
                                day,
                                intervals.filter((_, i) => i !== index),
                              )
                            }
                          >
                            <X size={12} />
                          </ActionIcon>
                        )}
                      </Group>
                      {error && (
                        <Text size="xs" c="red.7">
                          {error}
                        </Text>
                      )}
                    </div>
                  );
                })}
              </Stack>
              {!readOnly && (
                <Group gap={0} wrap="nowrap">
                  <Tooltip label={t('flowEditor.form.addInterval')}>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      aria-label={t('flowEditor.form.addIntervalOn', { day: name })}
                      onClick={() =>
                        setDay(day, [
                          ...intervals,
                          { [ends.from.key]: ends.from.placeholder ?? '', [ends.to.key]: ends.to.placeholder ?? '' },
                        ])
                      }
                    >
                      <Plus size={13} />
                    </ActionIcon>
                  </Tooltip>
                  {!previous && <span style={{ width: 22, display: 'inline-block' }} />}
                  {previous && (
                    <Tooltip label={t('flowEditor.form.sameAs', { day: previous.name })}>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="gray"
                        aria-label={t('flowEditor.form.copyDay', { from: previous.name, to: name })}
                        onClick={() =>
                          setDay(day, structuredClone(Array.isArray(value[previous.key]) ? value[previous.key]! : []))
                        }
                      >
                        <Text size="10px" fw={700}>
                          =
                        </Text>
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              )}
            </Group>
          );
        })}
      </Stack>
    </div>
  );
}

/** The two ends of an interval, in the order the schema declares them (opens, closes). */
function intervalEnds(interval: JsonSchema | undefined, language: ReturnType<typeof useLanguage>) {
  const [from, to] = Object.entries(interval?.properties ?? {}).map(([key, end]) => {
    const view = fieldView(end, key, language);
    return { key, title: view.title, placeholder: view.placeholder };
  });
  return { from: from!, to: to! };
}
